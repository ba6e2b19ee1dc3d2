import { rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { Body, Controller, DynamicModule, Module } from '@nestjs/common';
import {
  FederationClient,
  FederationRemoteError,
  FederationTransportError,
  Origin,
  RemoteKeysService,
} from '@switchboard/federation';
import { MatrixRoute } from '@switchboard/http';
import { Endpoint, SigningKey, signRequest, verifyJsonSignature } from '@switchboard/protocol';
import { ServerKeysRepository, SIGNING_KEY, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/** A route no spec endpoint has, so the guard is tested before the federation endpoints exist. */
const echoEndpoint: Endpoint = {
  operationId: 'switchboardTestEcho',
  method: 'PUT',
  path: '/_matrix/federation/v1/switchboard_test/echo/{thing}',
  auth: 'x_matrix',
  section: 'test',
};

@Controller()
class EchoController {
  @MatrixRoute(echoEndpoint)
  echo(@Origin() origin: string, @Body() body: unknown): { origin: string; body: unknown } {
    return { origin, body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {
  static forRoot(): DynamicModule {
    return { module: EchoModule };
  }
}

/** A raw HTTPS request, for what FederationClient would never send (tampered or unsigned requests). */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, method, path, headers, rejectUnauthorized: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('federation transport between two Switchboards over TLS (server-server-api)', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-tls-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let nameA: string;
  let nameB: string;
  let portB: number;

  async function start(port: number): Promise<TestHomeserver> {
    return startTestHomeserver(
      {
        server_name: `localhost:${port}`,
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
      [EchoModule.forRoot()],
    );
  }

  beforeAll(async () => {
    const [portA, pB] = [await freePort(), await freePort()];
    portB = pB;
    nameA = `localhost:${portA}`;
    nameB = `localhost:${portB}`;
    [a, b] = await Promise.all([start(portA), start(portB)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const client = () => a.app.get(FederationClient);

  it('GETs the other server\'s /_matrix/federation/v1/version ("Resolving server names" step 2: explicit port)', async () => {
    const version = await client().request<{ server: { name: string } }>(nameB, {
      method: 'GET',
      path: '/_matrix/federation/v1/version',
    });
    expect(version.server.name).toBe('Switchboard');
  });

  it("signs requests that the other server's X-Matrix guard accepts, naming the origin", async () => {
    const answer = await client().request<{ origin: string; body: unknown }>(nameB, {
      method: 'PUT',
      path: '/_matrix/federation/v1/switchboard_test/echo/x?with=query&and=%20more',
      body: { hello: 'world', n: 1 },
    });
    expect(answer).toEqual({ origin: nameA, body: { hello: 'world', n: 1 } });
    // B fetched A's key over TLS to check the signature, and keeps it.
    const stored = await b.app.get(ServerKeysRepository).forServer(b.app.get(Transactions).reader, nameA);
    expect(stored.map((r) => r.keyId)).toEqual([a.app.get<symbol, SigningKey>(SIGNING_KEY).keyId]);
  });

  it('fetches, verifies and caches the other server\'s keys ("Retrieving server keys")', async () => {
    const keyB = b.app.get<symbol, SigningKey>(SIGNING_KEY);
    const fetched = await a.app.get(RemoteKeysService).getVerifyKey(nameB, keyB.keyId);
    expect(fetched).toMatchObject({ serverName: nameB, keyId: keyB.keyId, key: keyB.publicKeyBase64 });
    const row = await a.app.get(ServerKeysRepository).get(a.app.get(Transactions).reader, nameB, keyB.keyId);
    expect(row?.verifyKey).toBe(keyB.publicKeyBase64);
    const again = await a.app.get(RemoteKeysService).getVerifyKey(nameB, keyB.keyId);
    expect(again).toEqual(fetched);
    const rowAgain = await a.app
      .get(ServerKeysRepository)
      .get(a.app.get(Transactions).reader, nameB, keyB.keyId);
    expect(rowAgain?.fetchedTs).toBe(row?.fetchedTs);
  });

  it('serves as a notary: B relays A\'s keys signed by A and by B ("Querying Keys Through Another Server")', async () => {
    const keyA = a.app.get<symbol, SigningKey>(SIGNING_KEY);
    const keyB = b.app.get<symbol, SigningKey>(SIGNING_KEY);
    const bulk = await client().request<{ server_keys: Record<string, unknown>[] }>(nameB, {
      method: 'POST',
      path: '/_matrix/key/v2/query',
      body: { server_keys: { [nameA]: {} } },
    });
    const single = await client().request<{ server_keys: Record<string, unknown>[] }>(nameB, {
      method: 'GET',
      path: `/_matrix/key/v2/query/${encodeURIComponent(nameA)}?minimum_valid_until_ts=${Date.now()}`,
    });
    for (const answer of [bulk, single]) {
      expect(answer.server_keys).toHaveLength(1);
      const [keys] = answer.server_keys;
      expect(keys.server_name).toBe(nameA);
      expect(verifyJsonSignature(keys, nameA, keyA.keyId, keyA.publicKeyBase64).ok).toBe(true);
      expect(verifyJsonSignature(keys, nameB, keyB.keyId, keyB.publicKeyBase64).ok).toBe(true);
    }
  });

  it('refuses a request with a tampered signature, or none, with 401 M_UNAUTHORIZED', async () => {
    const path = '/_matrix/federation/v1/switchboard_test/echo/x';
    const content = { a: 1 };
    const authorization = signRequest(
      { method: 'PUT', uri: path, origin: nameA, destination: nameB, content },
      a.app.get<symbol, SigningKey>(SIGNING_KEY),
    );
    const tampered = authorization.replace(/sig="(.)/, (_m, c: string) => `sig="${c === 'A' ? 'B' : 'A'}`);
    const headers = { 'content-type': 'application/json', host: nameB };
    const good = await rawRequest(portB, 'PUT', path, { ...headers, authorization }, JSON.stringify(content));
    expect(good.status).toBe(200);
    const bad = await rawRequest(
      portB,
      'PUT',
      path,
      { ...headers, authorization: tampered },
      JSON.stringify(content),
    );
    expect(bad).toMatchObject({ status: 401, json: { errcode: 'M_UNAUTHORIZED' } });
    const changed = await rawRequest(
      portB,
      'PUT',
      path,
      { ...headers, authorization },
      JSON.stringify({ a: 2 }),
    );
    expect(changed).toMatchObject({ status: 401, json: { errcode: 'M_UNAUTHORIZED' } });
    const none = await rawRequest(portB, 'PUT', path, headers, JSON.stringify(content));
    expect(none).toMatchObject({ status: 401, json: { errcode: 'M_UNAUTHORIZED' } });
  });

  it('turns a remote Matrix error into FederationRemoteError with its errcode and status', async () => {
    const failure = client().request(nameB, { method: 'GET', path: '/_matrix/federation/v1/no_such_thing' });
    await expect(failure).rejects.toBeInstanceOf(FederationRemoteError);
    await expect(failure).rejects.toMatchObject({
      errcode: 'M_UNRECOGNIZED',
      status: 404,
      destination: nameB,
    });
  });

  it('reports an unreachable server as a FederationTransportError', async () => {
    const nobody = `localhost:${await freePort()}`;
    const failure = client().request(nobody, { method: 'GET', path: '/_matrix/federation/v1/version' });
    await expect(failure).rejects.toBeInstanceOf(FederationTransportError);
    await expect(failure).rejects.toMatchObject({ failure: 'connect', destination: nobody });
  });
});
