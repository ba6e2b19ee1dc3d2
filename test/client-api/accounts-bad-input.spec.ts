import { AccountsRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

describe('accounts endpoints refuse bad input (client-server-api "Standard error response")', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let token: string;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = client(hs);
    token = (await api.register('pat', 'pat-pw')).access_token;
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const BODY_ENDPOINTS: [string, string][] = [
    ['POST', '/_matrix/client/v3/register'],
    ['POST', '/_matrix/client/v3/login'],
    ['POST', '/_matrix/client/v3/refresh'],
    ['POST', '/_matrix/client/v3/account/password'],
    ['POST', '/_matrix/client/v3/account/deactivate'],
    ['PUT', '/_matrix/client/v3/devices/ANY'],
    ['DELETE', '/_matrix/client/v3/devices/ANY'],
    ['POST', '/_matrix/client/v3/delete_devices'],
  ];

  it.each(BODY_ENDPOINTS)(
    '%s %s: malformed JSON is 400 M_NOT_JSON, valid non-object JSON 400 M_BAD_JSON',
    async (method, path) => {
      const malformed = await api.call(method, path, '{"a":', token);
      expect(malformed).toEqual({ status: 400, body: { errcode: 'M_NOT_JSON', error: expect.any(String) } });
      for (const body of ['[]', '"text"', '42', 'null']) {
        const res = await api.call(method, path, body, token);
        expect(res).toEqual({ status: 400, body: { errcode: 'M_BAD_JSON', error: expect.any(String) } });
      }
    },
  );

  it.each([
    ['POST', '/_matrix/client/v3/logout'],
    ['POST', '/_matrix/client/v3/logout/all'],
    ['GET', '/_matrix/client/v3/account/whoami'],
    ['GET', '/_matrix/client/v3/devices'],
    ['GET', '/_matrix/client/v3/devices/ANY'],
    ['PUT', '/_matrix/client/v3/devices/ANY'],
    ['DELETE', '/_matrix/client/v3/devices/ANY'],
    ['POST', '/_matrix/client/v3/delete_devices'],
    ['GET', '/_matrix/client/v3/capabilities'],
  ])('%s %s without a token is 401 M_MISSING_TOKEN', async (method, path) => {
    const res = await api.call(method, path, method === 'GET' ? undefined : {});
    expect(res).toEqual({ status: 401, body: { errcode: 'M_MISSING_TOKEN', error: expect.any(String) } });
  });

  it.each<[string, string, string, unknown, string]>([
    ['register', 'POST', '/_matrix/client/v3/register', { username: 123 }, 'M_BAD_JSON'],
    ['register', 'POST', '/_matrix/client/v3/register', { password: true }, 'M_BAD_JSON'],
    ['register', 'POST', '/_matrix/client/v3/register', { inhibit_login: 'yes' }, 'M_BAD_JSON'],
    ['register', 'POST', '/_matrix/client/v3/register', { device_id: 7 }, 'M_BAD_JSON'],
    ['register', 'POST', '/_matrix/client/v3/register', { auth: 'dummy' }, 'M_INVALID_PARAM'],
    ['register', 'POST', '/_matrix/client/v3/register', { auth: { session: 5 } }, 'M_INVALID_PARAM'],
    ['login', 'POST', '/_matrix/client/v3/login', {}, 'M_MISSING_PARAM'],
    ['login', 'POST', '/_matrix/client/v3/login', { type: 1 }, 'M_BAD_JSON'],
    [
      'login',
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.password', user: 'pat' },
      'M_MISSING_PARAM',
    ],
    [
      'login',
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.password', password: 'x' },
      'M_MISSING_PARAM',
    ],
    [
      'login',
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.password', user: 'pat', password: 1 },
      'M_BAD_JSON',
    ],
    [
      'login',
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.password', identifier: 'pat', password: 'x' },
      'M_INVALID_PARAM',
    ],
    [
      'login',
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.password', identifier: {}, password: 'x' },
      'M_MISSING_PARAM',
    ],
    [
      'login',
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.password', user: 'pat', password: 'pat-pw', refresh_token: 'y' },
      'M_BAD_JSON',
    ],
    ['refresh', 'POST', '/_matrix/client/v3/refresh', { refresh_token: 1 }, 'M_BAD_JSON'],
    ['password', 'POST', '/_matrix/client/v3/account/password', {}, 'M_MISSING_PARAM'],
    ['password', 'POST', '/_matrix/client/v3/account/password', { new_password: 1 }, 'M_BAD_JSON'],
    [
      'password',
      'POST',
      '/_matrix/client/v3/account/password',
      { new_password: 'x', logout_devices: 'no' },
      'M_BAD_JSON',
    ],
    ['deactivate', 'POST', '/_matrix/client/v3/account/deactivate', { erase: 'yes' }, 'M_BAD_JSON'],
    ['deactivate', 'POST', '/_matrix/client/v3/account/deactivate', { id_server: 1 }, 'M_BAD_JSON'],
    ['update device', 'PUT', '/_matrix/client/v3/devices/ANY', { display_name: 5 }, 'M_BAD_JSON'],
    ['delete device', 'DELETE', '/_matrix/client/v3/devices/ANY', { auth: [] }, 'M_INVALID_PARAM'],
    ['delete devices', 'POST', '/_matrix/client/v3/delete_devices', {}, 'M_MISSING_PARAM'],
    ['delete devices', 'POST', '/_matrix/client/v3/delete_devices', { devices: 'ABC' }, 'M_BAD_JSON'],
    ['delete devices', 'POST', '/_matrix/client/v3/delete_devices', { devices: [1] }, 'M_BAD_JSON'],
  ])('%s: %s %s with %j is 400 %s', async (_name, method, path, body, errcode) => {
    const res = await api.call(method, path, body, token);
    expect(res).toEqual({ status: 400, body: { errcode, error: expect.any(String) } });
  });

  it('a JSON body sent without a Content-Type is read all the same', async () => {
    const res = await fetch(`${hs.baseUrl}/_matrix/client/v3/login`, {
      method: 'POST',
      // Bytes, so fetch sets no Content-Type.
      body: new TextEncoder().encode(
        JSON.stringify({ type: 'm.login.password', user: 'pat', password: 'pat-pw' }),
      ),
    });
    expect(res.status).toBe(200);
  });

  it('invalid UTF-8 in a JSON body is 400 M_NOT_JSON (SyTest "POST rejects invalid utf-8 in JSON")', async () => {
    const res = await fetch(`${hs.baseUrl}/_matrix/client/v3/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{ "username": "a'), Buffer.from([0x81]), Buffer.from('" }')]),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errcode: 'M_NOT_JSON', error: expect.any(String) });
  });

  it('JSON answers, errors included, say Content-Type: application/json exactly (as Synapse does)', async () => {
    const challenge = await fetch(`${hs.baseUrl}/_matrix/client/v3/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('content-type')).toBe('application/json');
    const ok = await fetch(`${hs.baseUrl}/_matrix/client/v3/login`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
  });

  it('a registration that fails after the account row was written leaves nothing behind', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'ghost',
      password: 'pw',
      device_id: '',
    });
    const res = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'ghost',
      password: 'pw',
      device_id: '',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(res).toEqual({ status: 400, body: { errcode: 'M_INVALID_PARAM', error: expect.any(String) } });
    const accounts = hs.app.get(AccountsRepository);
    expect(await accounts.find(hs.app.get(Transactions).reader, '@ghost:test.local')).toBeNull();
    // The UIA session survived the failure, so the client can retry it.
    const retry = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'ghost',
      password: 'pw',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(retry.status).toBe(200);
  });

  it('an unknown query kind and a repeated query parameter are M_INVALID_PARAM', async () => {
    const res = await api.call('GET', '/_matrix/client/v3/register/available?username=a&username=b');
    expect(res.body.errcode).toBe('M_INVALID_PARAM');
  });
});
