import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Endpoint, EndpointAuth } from '@switchboard/protocol';
import { MATRIX_ENDPOINT } from '@switchboard/http';
import { AccessTokenAuthService } from './access-token-auth.service';
import { AccessTokenGuard } from './access-token.guard';
import { AppserviceAuthService } from './appservice-auth.service';
import { NO_DEVICE, Requester, requesterOf } from './requester';

const ALICE: Requester = { userId: '@alice:test.local', deviceId: 'DEV', isGuest: false, accessTokenId: 1 };

/** An authenticator that knows one token; the guard's job is finding the token, not checking it. */
const auth = {
  authenticate: jest.fn(async (token: string) => {
    if (token === 'good') return ALICE;
    throw Object.assign(new Error('unknown'), { errcode: 'M_UNKNOWN_TOKEN' });
  }),
} as unknown as AccessTokenAuthService;

const BRIDGE: Requester = {
  userId: '@bridge:test.local',
  deviceId: NO_DEVICE,
  isGuest: false,
  accessTokenId: null,
  appserviceId: 'bridge',
};

/** One application service, whose as_token is `as-token`; any other token is not its. */
const appservices = {
  authenticate: jest.fn(async (token: string) =>
    token === 'as-token' ? { ...BRIDGE, suspended: false } : null,
  ),
} as unknown as AppserviceAuthService;

function contextFor(
  endpointAuth: EndpointAuth | undefined,
  request: { headers?: Record<string, string>; query?: object },
  operationId = 'x',
) {
  const handler = () => undefined;
  if (endpointAuth) {
    const endpoint: Endpoint = {
      operationId,
      method: 'GET',
      path: '/x',
      auth: endpointAuth,
      section: 'x',
    };
    Reflect.defineMetadata(MATRIX_ENDPOINT, endpoint, handler);
  }
  const req = { headers: request.headers ?? {}, query: request.query ?? {}, ip: '127.0.0.1' };
  const context = {
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { context, req };
}

describe('AccessTokenGuard (client-server-api "Using access tokens")', () => {
  const guard = new AccessTokenGuard(new Reflector(), auth, appservices);

  it('leaves routes without a descriptor, and `none`, `x_matrix` and `as_token` routes, alone', async () => {
    for (const kind of [undefined, 'none', 'x_matrix', 'as_token'] as const) {
      const { context, req } = contextFor(kind, { headers: { authorization: 'Bearer whatever' } });
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(requesterOf(req)).toBeUndefined();
    }
  });

  it('authenticates a Bearer token and sets the requester', async () => {
    const { context, req } = contextFor('access_token', { headers: { authorization: 'Bearer good' } });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(requesterOf(req)).toEqual(ALICE);
  });

  it('authenticates the access_token query parameter', async () => {
    const { context, req } = contextFor('access_token', { query: { access_token: 'good' } });
    await guard.canActivate(context);
    expect(requesterOf(req)).toEqual(ALICE);
  });

  it.each([
    ['no token', {}],
    ['another scheme', { headers: { authorization: 'Basic abc' } }],
    ['an empty bearer', { headers: { authorization: 'Bearer ' } }],
    ['both header and query', { headers: { authorization: 'Bearer good' }, query: { access_token: 'good' } }],
    ['a repeated query parameter', { query: { access_token: ['good', 'good'] } }],
  ])('refuses %s with 401 M_MISSING_TOKEN', async (_what, request) => {
    const { context } = contextFor('access_token', request);
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      errcode: 'M_MISSING_TOKEN',
      status: 401,
    });
  });

  it('lets optional_access_token routes through without a token, and checks one when given', async () => {
    const none = contextFor('optional_access_token', {});
    await expect(guard.canActivate(none.context)).resolves.toBe(true);
    expect(requesterOf(none.req)).toBeUndefined();
    const bad = contextFor('optional_access_token', { headers: { authorization: 'Bearer bad' } });
    await expect(guard.canActivate(bad.context)).rejects.toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
  });

  it('takes an as_token for the user its application service acts as', async () => {
    const { context, req } = contextFor('access_token', { headers: { authorization: 'Bearer as-token' } });
    await guard.canActivate(context);
    expect(requesterOf(req)).toEqual(BRIDGE);
  });

  it('refuses uploading keys to an application service acting without a device', async () => {
    const { context } = contextFor('access_token', { query: { access_token: 'as-token' } }, 'uploadKeys');
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      errcode: 'M_MISSING_PARAM',
      status: 400,
    });
  });
});
