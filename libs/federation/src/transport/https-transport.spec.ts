import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederationConfig } from '@switchboard/config';
import { testConfig } from '@switchboard/config/testing';
import { ConnectTarget, HttpsRequest, HttpsTransport } from './https-transport';
import { HttpsWellKnownFetcher } from './well-known.fetcher';

const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/**
 * server-server-api "TLS" and the IP deny list, against an HTTPS server on loopback with a
 * self-signed certificate for localhost and 127.0.0.1.
 */
describe('HttpsTransport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-transport-'));
  const certificate = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  let server: Server;
  let port: number;
  let lastSni: string | false | undefined;
  const transports: HttpsTransport[] = [];
  let wellKnownMode = 'direct';
  const redirects: Record<string, string> = {
    relative: '/moved',
    absolute: 'https://localhost:PORT/moved',
    loop: '/.well-known/matrix/server',
    plain: 'http://localhost:PORT/moved',
  };

  beforeAll(async () => {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key]
        .concat(['-out', certificate, '-days', '2', '-subj', '/CN=localhost'])
        .concat(['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']),
      { stdio: 'ignore' },
    );
    server = createServer({ cert: readFileSync(certificate), key: readFileSync(key) }, (req, res) => {
      lastSni = (req.socket as { servername?: string | false }).servername;
      const redirect = req.url === '/.well-known/matrix/server' ? redirects[wellKnownMode] : undefined;
      if (redirect) {
        res.writeHead(302, { location: redirect.replace('PORT', String(port)) });
        return res.end();
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ host: req.headers.host, path: req.url, pad: 'x'.repeat(100) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    transports.forEach((t) => t.onModuleDestroy());
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  function transport(federation: Partial<FederationConfig>): HttpsTransport {
    const t = new HttpsTransport(testConfig({ federation }));
    transports.push(t);
    return t;
  }

  const target = (over: Partial<ConnectTarget> = {}): ConnectTarget => ({
    host: 'localhost',
    port,
    hostHeader: 'example.org',
    tlsName: 'localhost',
    ...over,
  });
  const get: HttpsRequest = {
    method: 'GET',
    path: '/p?q=1',
    headers: {},
    timeoutMs: 5000,
    maxResponseBytes: 1 << 20,
  };

  it('sends the Host header and SNI of the target, and returns the answer', async () => {
    const answer = await transport({ verify_certificates: false, ip_range_allowlist: LOOPBACK }).send(
      'example.org',
      target(),
      get,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ host: 'example.org', path: '/p?q=1' });
    expect(lastSni).toBe('localhost');
  });

  it('sends no SNI when the certificate is expected to be for an IP address', async () => {
    const t = transport({ verify_certificates: false, ip_range_allowlist: LOOPBACK });
    await t.send('127.0.0.1', target({ host: '127.0.0.1', tlsName: '127.0.0.1' }), get);
    expect(lastSni).toBeFalsy();
  });

  it('refuses loopback addresses unless allowed, as an IP literal and behind a hostname', async () => {
    const strict = transport({ verify_certificates: false, ip_range_allowlist: [] });
    await expect(strict.send('x', target({ host: '127.0.0.1' }), get)).rejects.toMatchObject({
      failure: 'denied',
    });
    await expect(strict.send('x', target(), get)).rejects.toMatchObject({ failure: 'denied', status: 502 });
  });

  it('verifies certificates when asked, trusting federation.trusted_ca_files besides the defaults', async () => {
    const verifying = transport({ verify_certificates: true, ip_range_allowlist: LOOPBACK });
    await expect(verifying.send('x', target(), get)).rejects.toMatchObject({ failure: 'tls' });
    const trusting = transport({
      verify_certificates: true,
      ip_range_allowlist: LOOPBACK,
      trusted_ca_files: [certificate],
    });
    expect((await trusting.send('x', target(), get)).status).toBe(200);
    expect((await trusting.send('x', target({ host: '127.0.0.1', tlsName: '127.0.0.1' }), get)).status).toBe(
      200,
    );
    // The certificate names localhost and 127.0.0.1, not other.example.
    await expect(trusting.send('x', target({ tlsName: 'other.example' }), get)).rejects.toMatchObject({
      failure: 'tls',
    });
  });

  it('bounds the size of an answer', async () => {
    const t = transport({ verify_certificates: false, ip_range_allowlist: LOOPBACK });
    await expect(t.send('x', target(), { ...get, maxResponseBytes: 10 })).rejects.toMatchObject({
      failure: 'too_large',
    });
  });

  it('reports a refused connection and an unresolvable name', async () => {
    const t = transport({ verify_certificates: false, ip_range_allowlist: LOOPBACK });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(t.send('x', target({ port: closedPort }), get)).rejects.toMatchObject({
      failure: 'connect',
    });
    await expect(t.send('x', target({ host: 'no-such-host.invalid' }), get)).rejects.toMatchObject({
      failure: 'resolve',
    });
  });

  describe('HttpsWellKnownFetcher ("Resolving server names" step 3)', () => {
    // The server listens on a random port; a real fetch always goes to 443.
    const fetcher = () =>
      new HttpsWellKnownFetcher(transport({ verify_certificates: false, ip_range_allowlist: LOOPBACK }));

    it.each(['direct', 'relative', 'absolute'] as const)('fetches the document (%s)', async (mode) => {
      wellKnownMode = mode;
      const answer = await fetcher().fetch(`localhost:${port}`);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString()).path).toBe(
        mode === 'direct' ? '/.well-known/matrix/server' : '/moved',
      );
    });

    it.each(['loop', 'plain'] as const)('refuses a redirect %s', async (mode) => {
      wellKnownMode = mode;
      await expect(fetcher().fetch(`localhost:${port}`)).rejects.toMatchObject({ failure: 'bad_response' });
    });
  });
});
