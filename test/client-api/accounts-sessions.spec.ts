import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

describe('client-server-api "Login", "Logout", "Refreshing access tokens", "Using access tokens"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = client(hs);
    await api.register('bob', 'bob-password');
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const whoami = (token: string) => api.call('GET', '/_matrix/client/v3/account/whoami', undefined, token);

  it('GET /login offers m.login.password', async () => {
    expect(await api.call('GET', '/_matrix/client/v3/login')).toEqual({
      status: 200,
      body: { flows: [{ type: 'm.login.password' }] },
    });
  });

  it('logs in with an m.id.user identifier, a full user ID, the deprecated `user` field, in any case', async () => {
    for (const user of ['bob', '@bob:test.local', 'BOB']) {
      const res = await api.login(user, 'bob-password');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user_id: '@bob:test.local',
        access_token: expect.any(String),
        device_id: expect.any(String),
        home_server: 'test.local',
      });
    }
    const legacy = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      user: 'bob',
      password: 'bob-password',
    });
    expect(legacy.status).toBe(200);
  });

  it('refuses a wrong password, an unknown user and a 3PID with 403 M_FORBIDDEN', async () => {
    for (const res of [
      await api.login('bob', 'wrong'),
      await api.login('nobody', 'bob-password'),
      await api.login('@bob:other.server', 'bob-password'),
      await api.call('POST', '/_matrix/client/v3/login', {
        type: 'm.login.password',
        identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'bob@example.org' },
        password: 'bob-password',
      }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.errcode).toBe('M_FORBIDDEN');
    }
  });

  it('refuses an unknown login type with 400 M_UNKNOWN', async () => {
    const res = await api.call('POST', '/_matrix/client/v3/login', { type: 'm.login.magic' });
    expect(res.status).toBe(400);
    expect(res.body.errcode).toBe('M_UNKNOWN');
  });

  it('reuses a device_id and invalidates the tokens the device had', async () => {
    const first = await api.login('bob', 'bob-password', {
      device_id: 'PHONE',
      initial_device_display_name: 'Phone',
    });
    expect(first.body.device_id).toBe('PHONE');
    const second = await api.login('bob', 'bob-password', {
      device_id: 'PHONE',
      initial_device_display_name: 'Ignored',
    });
    expect(second.body.device_id).toBe('PHONE');
    const gone = await whoami(first.body.access_token as string);
    expect(gone).toEqual({
      status: 401,
      body: { errcode: 'M_UNKNOWN_TOKEN', error: expect.any(String), soft_logout: false },
    });
    const device = await api.call(
      'GET',
      '/_matrix/client/v3/devices/PHONE',
      undefined,
      second.body.access_token as string,
    );
    expect(device.body).toEqual(expect.objectContaining({ device_id: 'PHONE', display_name: 'Phone' }));
  });

  it('accepts the token as a Bearer header or the access_token query parameter', async () => {
    const { body } = await api.login('bob', 'bob-password');
    expect((await whoami(body.access_token as string)).status).toBe(200);
    const query = await api.call(
      'GET',
      `/_matrix/client/v3/account/whoami?access_token=${body.access_token}`,
    );
    expect(query.body.user_id).toBe('@bob:test.local');
  });

  it('401 M_MISSING_TOKEN without a token, M_UNKNOWN_TOKEN with a bad one', async () => {
    const missing = await api.call('GET', '/_matrix/client/v3/account/whoami');
    expect(missing).toEqual({ status: 401, body: { errcode: 'M_MISSING_TOKEN', error: expect.any(String) } });
    const unknown = await whoami('not-a-token');
    expect(unknown).toEqual({
      status: 401,
      body: { errcode: 'M_UNKNOWN_TOKEN', error: expect.any(String), soft_logout: false },
    });
    const res = await fetch(`${hs.baseUrl}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: 'Basic abc' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errcode: string }).errcode).toBe('M_MISSING_TOKEN');
  });

  it('POST /logout invalidates the token and deletes the device', async () => {
    const a = (await api.login('bob', 'bob-password')).body;
    const b = (await api.login('bob', 'bob-password')).body;
    expect(await api.call('POST', '/_matrix/client/v3/logout', undefined, a.access_token as string)).toEqual({
      status: 200,
      body: {},
    });
    expect((await whoami(a.access_token as string)).status).toBe(401);
    const devices = await api.call('GET', '/_matrix/client/v3/devices', undefined, b.access_token as string);
    const ids = (devices.body.devices as { device_id: string }[]).map((d) => d.device_id);
    expect(ids).toContain(b.device_id);
    expect(ids).not.toContain(a.device_id);
  });

  it('POST /logout/all invalidates every token of the user', async () => {
    await api.register('carol', 'carol-password');
    const a = (await api.login('carol', 'carol-password')).body;
    const b = (await api.login('carol', 'carol-password')).body;
    expect(
      (await api.call('POST', '/_matrix/client/v3/logout/all', undefined, a.access_token as string)).status,
    ).toBe(200);
    expect((await whoami(a.access_token as string)).status).toBe(401);
    expect((await whoami(b.access_token as string)).status).toBe(401);
    const fresh = (await api.login('carol', 'carol-password')).body;
    const devices = await api.call(
      'GET',
      '/_matrix/client/v3/devices',
      undefined,
      fresh.access_token as string,
    );
    expect(devices.body.devices).toEqual([expect.objectContaining({ device_id: fresh.device_id })]);
  });

  it('issues a refresh token on request, and /refresh rotates it', async () => {
    const logged = (await api.login('bob', 'bob-password', { refresh_token: true })).body;
    expect(logged).toEqual(
      expect.objectContaining({ refresh_token: expect.any(String), expires_in_ms: expect.any(Number) }),
    );
    const refreshed = await api.call('POST', '/_matrix/client/v3/refresh', {
      refresh_token: logged.refresh_token,
    });
    expect(refreshed).toEqual({
      status: 200,
      body: {
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        expires_in_ms: expect.any(Number),
      },
    });
    // The old access token is invalidated at once; the new one works and keeps the device.
    expect((await whoami(logged.access_token as string)).status).toBe(401);
    const me = await whoami(refreshed.body.access_token as string);
    expect(me.body).toEqual(
      expect.objectContaining({ user_id: '@bob:test.local', device_id: logged.device_id }),
    );
    // "The old refresh token remains valid until the new access token or refresh token is used":
    // it was used just now, so it is revoked.
    const replay = await api.call('POST', '/_matrix/client/v3/refresh', {
      refresh_token: logged.refresh_token,
    });
    expect(replay).toEqual({
      status: 401,
      body: { errcode: 'M_UNKNOWN_TOKEN', error: expect.any(String), soft_logout: false },
    });
    const again = await api.call('POST', '/_matrix/client/v3/refresh', {
      refresh_token: refreshed.body.refresh_token,
    });
    expect(again.status).toBe(200);
  });

  it('a refresh repeated before the new tokens are used replaces what the first one issued', async () => {
    const logged = (await api.login('bob', 'bob-password', { refresh_token: true })).body;
    const lost = await api.call('POST', '/_matrix/client/v3/refresh', {
      refresh_token: logged.refresh_token,
    });
    const retried = await api.call('POST', '/_matrix/client/v3/refresh', {
      refresh_token: logged.refresh_token,
    });
    expect(retried.status).toBe(200);
    expect((await whoami(lost.body.access_token as string)).status).toBe(401);
    expect((await whoami(retried.body.access_token as string)).status).toBe(200);
  });

  it('/refresh refuses a missing or unknown refresh token', async () => {
    const missing = await api.call('POST', '/_matrix/client/v3/refresh', {});
    expect(missing.body.errcode).toBe('M_MISSING_PARAM');
    const unknown = await api.call('POST', '/_matrix/client/v3/refresh', { refresh_token: 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errcode).toBe('M_UNKNOWN_TOKEN');
  });
});
