import { ConfigOverrides } from '@switchboard/config/testing';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { freePort } from './network';

type Resource = 'client' | 'federation';

/**
 * A test homeserver named `localhost:<federationPort>`, serving federation over TLS with the given
 * certificate on that port and the client API over plain HTTP on another. It trusts any peer
 * certificate and may reach loopback addresses, so two of them federate on 127.0.0.1.
 */
export async function startFederatingHomeserver(
  federationPort: number,
  tls: { certificate: string; key: string },
  overrides: ConfigOverrides = {},
  clientResources: Resource[] = ['client'],
): Promise<TestHomeserver> {
  return startTestHomeserver({
    ...overrides,
    server_name: `localhost:${federationPort}`,
    listeners: [
      { port: await freePort(), bind_addresses: ['127.0.0.1'], tls: null, resources: clientResources },
      { port: federationPort, bind_addresses: ['127.0.0.1'], tls, resources: ['federation'] },
    ],
    federation: { verify_certificates: false, ip_range_allowlist: ['127.0.0.0/8', '::1/128'] },
  });
}
