import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SwitchboardConfig } from '@switchboard/config';
import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { Endpoint, EndpointAuth, signingKeyFromSeed, signRequest } from '@switchboard/protocol';
import { MATRIX_ENDPOINT } from '@switchboard/http';
import { RemoteKeysService, RemoteVerifyKey } from '../keys/remote-keys.service';
import { originOf } from './origin.decorator';
import { DestinationSender } from '../outbox/destination-sender.service';
import { XMatrixGuard } from './x-matrix.guard';

const ORIGIN = 'origin.example';
const US = 'us.example';
const originKey = signingKeyFromSeed(new Uint8Array(32).fill(1), 'ed25519:a');
const otherKey = signingKeyFromSeed(new Uint8Array(32).fill(2), 'ed25519:a');

/** The origin's one current key, plus an old one; the guard's job is the check, not the fetch. */
const remoteKeys = {
  getVerifyKey: jest.fn(async (server: string, keyId: string): Promise<RemoteVerifyKey | undefined> => {
    if (server !== ORIGIN) return undefined;
    if (keyId === 'ed25519:a')
      return { serverName: server, keyId, key: originKey.publicKeyBase64, validUntilTs: 1e15 };
    if (keyId === 'ed25519:old') {
      return { serverName: server, keyId, key: originKey.publicKeyBase64, validUntilTs: 1, expiredTs: 1 };
    }
    return undefined;
  }),
} as unknown as RemoteKeysService;

interface FakeRequest {
  method: string;
  url: string;
  originalUrl: string;
  headers: Record<string, string>;
  body?: unknown;
  id: string;
}

function contextFor(auth: EndpointAuth, request: FakeRequest): ExecutionContext {
  const handler = () => undefined;
  const endpoint: Endpoint = { operationId: 'x', method: 'PUT', path: '/x', auth, section: 'x' };
  Reflect.defineMetadata(MATRIX_ENDPOINT, endpoint, handler);
  return {
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** A request as the origin sends it: signed over method, full target with query, and body. */
function signed(
  options: { uri?: string; body?: object; destination?: string; key?: typeof originKey; keyId?: string } = {},
): FakeRequest {
  const uri = options.uri ?? '/_matrix/federation/v1/send/txn1?x=1';
  const key = options.key ?? originKey;
  const authorization = signRequest(
    {
      method: 'PUT',
      uri,
      origin: ORIGIN,
      destination: options.destination ?? US,
      ...(options.body ? { content: options.body as never } : {}),
    },
    key,
  ).replace('key="ed25519:a"', `key="${options.keyId ?? 'ed25519:a'}"`);
  return {
    method: 'PUT',
    url: uri,
    originalUrl: uri,
    headers: { authorization },
    body: options.body,
    id: 'r1',
  };
}

describe('XMatrixGuard (server-server-api "Request Authentication")', () => {
  const config: SwitchboardConfig = testConfig({ server_name: US });
  const guard = new XMatrixGuard(
    new Reflector(),
    config,
    remoteKeys,
    { peerIsUp: () => undefined } as unknown as DestinationSender,
    createLogger('silent'),
  );

  it('accepts a request signed by the origin and exposes the origin', async () => {
    const request = signed({ body: { pdus: [], edus: [] } });
    await expect(guard.canActivate(contextFor('x_matrix', request))).resolves.toBe(true);
    expect(originOf(request)).toBe(ORIGIN);
  });

  it('accepts a request without a body, and one without the destination parameter (before v1.3)', async () => {
    await expect(guard.canActivate(contextFor('x_matrix', signed()))).resolves.toBe(true);
    const request = signed();
    request.headers.authorization = request.headers.authorization.replace(`destination="${US}",`, '');
    await expect(guard.canActivate(contextFor('x_matrix', request))).resolves.toBe(true);
  });

  it('verifies a body that came without Content-Type: application/json, and hands it on parsed', async () => {
    const request = signed({ body: { a: 1 } });
    request.body = Buffer.from('{"a":1}');
    await expect(guard.canActivate(contextFor('x_matrix', request))).resolves.toBe(true);
    expect(request.body).toEqual({ a: 1 });
  });

  it('verifies the original request target, not a URL rewritten for routing', async () => {
    const request = signed({ uri: '/_matrix/federation/v1/state/x/' });
    request.url = '/_matrix/federation/v1/state/x';
    await expect(guard.canActivate(contextFor('x_matrix', request))).resolves.toBe(true);
  });

  it.each([
    ['a missing header', () => ({ ...signed(), headers: {} }), /Missing/],
    ['another scheme', () => ({ ...signed(), headers: { authorization: 'Bearer abc' } }), /Missing|X-Matrix/],
    ['a signature by another key', () => signed({ key: otherKey }), /Invalid request signature/],
    [
      'a tampered body',
      () => ({ ...signed({ body: { a: 1 } }), body: { a: 2 } }),
      /Invalid request signature/,
    ],
    [
      'a tampered query string',
      () => ({ ...signed(), originalUrl: '/_matrix/federation/v1/send/txn1?x=2' }),
      /Invalid request signature/,
    ],
    ['another method', () => ({ ...signed(), method: 'POST' }), /Invalid request signature/],
    ['a wrong destination', () => signed({ destination: 'elsewhere.example' }), /not this server/],
    ['an unknown key', () => signed({ keyId: 'ed25519:unknown' }), /No current key/],
    ['an old key', () => signed({ keyId: 'ed25519:old' }), /expired/],
  ])('refuses %s with 401 M_UNAUTHORIZED', async (_what, make, reason) => {
    const request = make();
    const failure = guard.canActivate(contextFor('x_matrix', request));
    await expect(failure).rejects.toMatchObject({ errcode: 'M_UNAUTHORIZED', status: 401 });
    await expect(failure).rejects.toThrow(reason);
    expect(originOf(request)).toBeUndefined();
  });

  it.each(['bad origin', 'localhost:http'])(
    'refuses the origin %j, not a server name, with 400',
    async (origin) => {
      const request = signed();
      request.headers.authorization = request.headers.authorization.replace(ORIGIN, origin);
      const failure = guard.canActivate(contextFor('x_matrix', request));
      await expect(failure).rejects.toMatchObject({ errcode: 'M_UNAUTHORIZED', status: 400 });
      await expect(failure).rejects.toThrow(/origin/);
      expect(originOf(request)).toBeUndefined();
    },
  );

  it('does not look up a key for a request meant for another server', async () => {
    (remoteKeys.getVerifyKey as jest.Mock).mockClear();
    await expect(
      guard.canActivate(contextFor('x_matrix', signed({ destination: 'other.example' }))),
    ).rejects.toThrow();
    expect(remoteKeys.getVerifyKey).not.toHaveBeenCalled();
  });

  it('leaves routes of every other auth kind alone', async () => {
    for (const kind of ['none', 'access_token', 'optional_access_token', 'as_token'] as const) {
      await expect(guard.canActivate(contextFor(kind, { ...signed(), headers: {} }))).resolves.toBe(true);
    }
  });
});
