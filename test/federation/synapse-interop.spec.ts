import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, DynamicModule, Module, Query } from '@nestjs/common';
import { FederationClient, Origin, RemoteKeysService } from '@switchboard/federation';
import { MatrixRoute } from '@switchboard/http';
import { Endpoint, ServerKeys, SigningKey, verifyJsonSignature } from '@switchboard/protocol';
import { SIGNING_KEY } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { freePort } from '../support/network';

/**
 * Request signing and key exchange against a real Synapse (shared/peers/synapse). Runs when
 * SYNAPSE_PEER names one: "<server_name> <client base URL>", e.g.
 *   ../shared/peers/synapse/mkhs.sh syn1 28008 28448 && ../shared/peers/synapse/start.sh syn1
 *   SYNAPSE_PEER="localhost:28448 http://127.0.0.1:28008" npx jest test/federation/synapse-interop
 */
const [SYNAPSE, SYNAPSE_CLIENT] = (process.env.SYNAPSE_PEER ?? '').split(' ');

/** Stands in for the profile query until it is implemented: answers with who asked. */
const queryProfile: Endpoint = {
  operationId: 'queryProfile',
  method: 'GET',
  path: '/_matrix/federation/v1/query/profile',
  auth: 'x_matrix',
  section: 'query',
};

@Controller()
class WhoAskedController {
  @MatrixRoute(queryProfile)
  profile(@Origin() origin: string, @Query('user_id') userId: string): { displayname: string } {
    return { displayname: `${userId} asked by ${origin}` };
  }
}

@Module({ controllers: [WhoAskedController] })
class WhoAskedModule {
  static forRoot(): DynamicModule {
    return { module: WhoAskedModule };
  }
}

(SYNAPSE ? describe : describe.skip)('federation transport with Synapse (server-server-api)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-tls-'));
  let hs: TestHomeserver;
  let us: string;

  beforeAll(async () => {
    const [certificate, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key]
        .concat(['-out', certificate, '-days', '2', '-subj', '/CN=localhost'])
        .concat(['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']),
      { stdio: 'ignore' },
    );
    const port = await freePort();
    us = `localhost:${port}`;
    hs = await startTestHomeserver(
      {
        server_name: us,
        listeners: [
          {
            port,
            bind_addresses: ['127.0.0.1'],
            tls: { certificate, key },
            resources: ['client', 'federation'],
          },
        ],
        federation: { verify_certificates: false, ip_range_allowlist: ['127.0.0.0/8', '::1/128'] },
      },
      [WhoAskedModule.forRoot()],
    );
  });

  afterAll(async () => {
    await hs?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches Synapse and fetches its self-signed keys', async () => {
    const client = hs.app.get(FederationClient);
    const version = await client.request<{ server: { name: string } }>(SYNAPSE, {
      method: 'GET',
      path: '/_matrix/federation/v1/version',
    });
    expect(version.server.name).toBe('Synapse');
    const published = await client.request<ServerKeys>(SYNAPSE, {
      method: 'GET',
      path: '/_matrix/key/v2/server',
    });
    const [keyId] = Object.keys(published.verify_keys);
    const key = await hs.app.get(RemoteKeysService).getVerifyKey(SYNAPSE, keyId);
    expect(key?.key).toBe(published.verify_keys[keyId].key);
  });

  it('signs requests Synapse accepts (Synapse fetches our key to check them)', async () => {
    const client = hs.app.get(FederationClient);
    // An unknown user is 404 M_NOT_FOUND after authentication; a bad signature would be 401.
    await expect(
      client.request(SYNAPSE, {
        method: 'GET',
        path: `/_matrix/federation/v1/query/profile?user_id=${encodeURIComponent(`@nobody:${SYNAPSE}`)}`,
      }),
    ).rejects.toMatchObject({ status: 404, errcode: 'M_NOT_FOUND' });
  });

  it('uses Synapse as a notary: our keys come back signed by us and by Synapse', async () => {
    const own = hs.app.get<symbol, SigningKey>(SIGNING_KEY);
    const answer = await hs.app.get(FederationClient).request<{ server_keys: ServerKeys[] }>(SYNAPSE, {
      method: 'POST',
      path: '/_matrix/key/v2/query',
      body: { server_keys: { [us]: {} } },
    });
    expect(answer.server_keys).toHaveLength(1);
    const [keys] = answer.server_keys;
    expect(verifyJsonSignature(keys, us, own.keyId, own.publicKeyBase64).ok).toBe(true);
    expect(Object.keys(keys.signatures ?? {}).sort()).toEqual([SYNAPSE, us].sort());
  });

  it("verifies Synapse's signed requests: a Synapse user's profile lookup reaches our handler", async () => {
    const username = `sb${Date.now()}`;
    const register = async (auth?: object) =>
      fetch(`${SYNAPSE_CLIENT}/_matrix/client/v3/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'secret-pass-1', auth }),
      });
    const first = (await (await register()).json()) as { session: string };
    const registered = (await (await register({ type: 'm.login.dummy', session: first.session })).json()) as {
      access_token: string;
    };
    const profile = await fetch(
      `${SYNAPSE_CLIENT}/_matrix/client/v3/profile/${encodeURIComponent(`@alice:${us}`)}`,
      { headers: { authorization: `Bearer ${registered.access_token}` } },
    );
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ displayname: `@alice:${us} asked by ${SYNAPSE}` });
  });
});
