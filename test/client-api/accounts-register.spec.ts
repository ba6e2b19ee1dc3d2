import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

describe('client-server-api "Account registration"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('POST /register without auth is a 401 UIA challenge offering m.login.dummy, with a session and no errcode', async () => {
    const res = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'challenge',
      password: 'pw',
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      flows: [{ stages: ['m.login.dummy'] }],
      params: {},
      session: expect.any(String),
      completed: [],
    });
    expect(res.body).not.toHaveProperty('errcode');
  });

  it('completes the dummy flow and returns user_id, access_token, device_id', async () => {
    const done = await api.register('alice', 'pw', { initial_device_display_name: 'Jungle Phone' });
    expect(done).toEqual({
      user_id: '@alice:test.local',
      home_server: 'test.local',
      access_token: expect.any(String),
      device_id: expect.any(String),
    });
    const whoami = await api.call('GET', '/_matrix/client/v3/account/whoami', undefined, done.access_token);
    expect(whoami).toEqual({
      status: 200,
      body: { user_id: '@alice:test.local', device_id: done.device_id, is_guest: false },
    });
    const devices = await api.call('GET', '/_matrix/client/v3/devices', undefined, done.access_token);
    expect(devices.body.devices).toEqual([
      expect.objectContaining({ device_id: done.device_id, display_name: 'Jungle Phone' }),
    ]);
  });

  it("uses the client's device_id and honours inhibit_login", async () => {
    const withDevice = await api.register('dev', 'pw', { device_id: 'MYDEVICE' });
    expect(withDevice.device_id).toBe('MYDEVICE');
    const inhibited = await api.register('quiet', 'pw', { inhibit_login: true });
    expect(inhibited).toEqual({ user_id: '@quiet:test.local', home_server: 'test.local' });
  });

  it('generates a localpart when no username is given', async () => {
    const done = await api.register(undefined as unknown as string, 'pw');
    expect(done.user_id).toMatch(/^@[a-z0-9]+:test\.local$/);
  });

  it('maps the username to lower case', async () => {
    const done = await api.register('MixedCase', 'pw');
    expect(done.user_id).toBe('@mixedcase:test.local');
  });

  it('refuses a taken username with M_USER_IN_USE before UIA', async () => {
    await api.register('taken', 'pw');
    const res = await api.call('POST', '/_matrix/client/v3/register', { username: 'taken', password: 'pw' });
    expect(res.status).toBe(400);
    expect(res.body.errcode).toBe('M_USER_IN_USE');
  });

  it.each([
    ['a colon', 'a:b'],
    ['a space', 'with space'],
    ['a non-ASCII letter', 'é'],
    ['a user ID over 255 bytes', 'x'.repeat(250)],
    ['the empty string', ''],
  ])('refuses a username with %s with M_INVALID_USERNAME', async (_what, username) => {
    const res = await api.call('POST', '/_matrix/client/v3/register', { username, password: 'pw' });
    expect(res.status).toBe(400);
    expect(res.body.errcode).toBe('M_INVALID_USERNAME');
  });

  it('refuses guests with M_GUEST_ACCESS_FORBIDDEN (guest access is off)', async () => {
    const res = await api.call('POST', '/_matrix/client/v3/register?kind=guest', {});
    expect(res.status).toBe(403);
    expect(res.body.errcode).toBe('M_GUEST_ACCESS_FORBIDDEN');
    const bad = await api.call('POST', '/_matrix/client/v3/register?kind=admin', {});
    expect(bad.status).toBe(400);
    expect(bad.body.errcode).toBe('M_INVALID_PARAM');
  });

  it('a completed session cannot be used for another registration', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', { username: 'once', password: 'pw' });
    const auth = { type: 'm.login.dummy', session: first.body.session };
    expect(
      (await api.call('POST', '/_matrix/client/v3/register', { username: 'once', password: 'pw', auth }))
        .status,
    ).toBe(200);
    const again = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'twice',
      password: 'pw',
      auth,
    });
    expect(again.status).toBe(403);
    expect(again.body.errcode).toBe('M_FORBIDDEN');
    const available = await api.call('GET', '/_matrix/client/v3/register/available?username=twice');
    expect(available).toEqual({ status: 200, body: { available: true } });
  });

  it.each([
    ['with', 'again'],
    ['without', undefined],
  ])(
    'retrying a completed registration %s a username logs in to the same account (SyTest "registration is idempotent")',
    async (_with, username) => {
      const first = await api.call('POST', '/_matrix/client/v3/register', { username, password: 'pw' });
      const auth = { type: 'm.login.dummy', session: first.body.session };
      const done = await api.call('POST', '/_matrix/client/v3/register', { username, password: 'pw', auth });
      expect(done.status).toBe(200);
      const retry = await api.call('POST', '/_matrix/client/v3/register', { username, password: 'pw', auth });
      expect(retry).toEqual({
        status: 200,
        body: expect.objectContaining({ user_id: done.body.user_id, access_token: expect.any(String) }),
      });
      expect(retry.body.access_token).not.toBe(done.body.access_token);
      const whoami = await api.call(
        'GET',
        '/_matrix/client/v3/account/whoami',
        undefined,
        retry.body.access_token as string,
      );
      expect(whoami.body.user_id).toBe(done.body.user_id);
    },
  );

  it('retrying a completed registration after the account was deactivated is 403 M_USER_DEACTIVATED', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', { username: 'gone', password: 'pw' });
    const auth = { type: 'm.login.dummy', session: first.body.session };
    const done = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'gone',
      password: 'pw',
      auth,
    });
    const deactivated = await api.call(
      'POST',
      '/_matrix/client/v3/account/deactivate',
      { auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'gone' }, password: 'pw' } },
      done.body.access_token as string,
    );
    expect(deactivated.status).toBe(200);
    const retry = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'gone',
      password: 'pw',
      auth,
    });
    expect(retry.status).toBe(403);
    expect(retry.body.errcode).toBe('M_USER_DEACTIVATED');
  });

  it('a request with only auth uses the parameters of the session\'s first request (SyTest "registration remembers parameters")', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'remembered',
      password: 'übers3kr1t',
      device_id: 'xyzzy',
      initial_device_display_name: 'display_name',
    });
    expect(first.status).toBe(401);
    const done = await api.call('POST', '/_matrix/client/v3/register', {
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(done).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: '@remembered:test.local', device_id: 'xyzzy' }),
    });
    const device = await api.call(
      'GET',
      '/_matrix/client/v3/devices/xyzzy',
      undefined,
      done.body.access_token as string,
    );
    expect(device.body.display_name).toBe('display_name');
    expect((await api.login('remembered', 'übers3kr1t')).status).toBe(200);
    const inhibitFirst = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'inhibited',
      password: 'pw',
      inhibit_login: true,
    });
    const inhibited = await api.call('POST', '/_matrix/client/v3/register', {
      auth: { type: 'm.login.dummy', session: inhibitFirst.body.session },
    });
    expect(inhibited).toEqual({
      status: 200,
      body: { user_id: '@inhibited:test.local', home_server: 'test.local' },
    });
  });

  it('an unknown auth type is M_UNRECOGNIZED, a wrong one keeps the session', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'stages',
      password: 'pw',
    });
    const session = first.body.session;
    const unknown = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'stages',
      password: 'pw',
      auth: { type: 'm.login.password', session },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errcode).toBe('M_UNRECOGNIZED');
    const retry = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'stages',
      password: 'pw',
      auth: { session },
    });
    expect(retry.status).toBe(401);
    expect(retry.body.session).toBe(session);
  });

  it('a missing password after UIA is M_MISSING_PARAM and leaves no account behind', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', { username: 'nopass' });
    const res = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'nopass',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(res.status).toBe(400);
    expect(res.body.errcode).toBe('M_MISSING_PARAM');
    const available = await api.call('GET', '/_matrix/client/v3/register/available?username=nopass');
    expect(available).toEqual({ status: 200, body: { available: true } });
  });

  it('GET /register/available says taken, invalid or available', async () => {
    await api.register('present', 'pw');
    expect(
      (await api.call('GET', '/_matrix/client/v3/register/available?username=present')).body.errcode,
    ).toBe('M_USER_IN_USE');
    expect((await api.call('GET', '/_matrix/client/v3/register/available?username=a%3Ab')).body.errcode).toBe(
      'M_INVALID_USERNAME',
    );
    expect((await api.call('GET', '/_matrix/client/v3/register/available')).body.errcode).toBe(
      'M_MISSING_PARAM',
    );
    expect(await api.call('GET', '/_matrix/client/v3/register/available?username=free')).toEqual({
      status: 200,
      body: { available: true },
    });
  });

  it('GET /capabilities lists the room versions and the account capabilities', async () => {
    const { access_token } = await api.register('caps', 'pw');
    const res = await api.call('GET', '/_matrix/client/v3/capabilities', undefined, access_token);
    expect(res.status).toBe(200);
    const available = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), 'stable']));
    expect(res.body).toEqual({
      capabilities: {
        'm.change_password': { enabled: true },
        'm.room_versions': { default: hs.config.default_room_version, available },
        'm.set_displayname': { enabled: true },
        'm.set_avatar_url': { enabled: true },
        'm.3pid_changes': { enabled: false },
        'm.get_login_token': { enabled: false },
      },
    });
  });
});

describe('client-server-api "Account registration" when registration is disabled', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver({
      registration: { enabled: false, require_token: false, shared_secret: null },
    });
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('POST /register is 403 M_FORBIDDEN', async () => {
    const res = await client(hs).call('POST', '/_matrix/client/v3/register', {
      username: 'x',
      password: 'pw',
    });
    expect(res.status).toBe(403);
    expect(res.body.errcode).toBe('M_FORBIDDEN');
    const validity = await client(hs).call(
      'GET',
      '/_matrix/client/v1/register/m.login.registration_token/validity?token=abc',
    );
    expect(validity.status).toBe(403);
    expect(validity.body.errcode).toBe('M_FORBIDDEN');
  });
});
