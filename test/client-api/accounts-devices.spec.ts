import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

describe('client-server-api "Device management", "Password management", "Account deactivation"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const whoami = (token: string) => api.call('GET', '/_matrix/client/v3/account/whoami', undefined, token);
  const passwordAuth = (user: string, password: string, session?: unknown) => ({
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user },
    password,
    ...(session === undefined ? {} : { session }),
  });

  it('lists, reads and renames devices; an unknown device is 404 M_NOT_FOUND', async () => {
    const { access_token, device_id } = await api.register('dana', 'pw', {
      initial_device_display_name: 'Laptop',
    });
    const list = await api.call('GET', '/_matrix/client/v3/devices', undefined, access_token);
    expect(list.body).toEqual({
      devices: [
        {
          device_id,
          display_name: 'Laptop',
          last_seen_ts: expect.any(Number),
          last_seen_ip: expect.any(String),
        },
      ],
    });
    const put = await api.call(
      'PUT',
      `/_matrix/client/v3/devices/${device_id}`,
      { display_name: 'Desk' },
      access_token,
    );
    expect(put).toEqual({ status: 200, body: {} });
    const one = await api.call('GET', `/_matrix/client/v3/devices/${device_id}`, undefined, access_token);
    expect(one.body.display_name).toBe('Desk');
    for (const res of [
      await api.call('GET', '/_matrix/client/v3/devices/NOSUCH', undefined, access_token),
      await api.call('PUT', '/_matrix/client/v3/devices/NOSUCH', { display_name: 'x' }, access_token),
    ]) {
      expect(res).toEqual({ status: 404, body: { errcode: 'M_NOT_FOUND', error: expect.any(String) } });
    }
    expect((await api.call('GET', '/_matrix/client/v3/devices')).body.errcode).toBe('M_MISSING_TOKEN');
  });

  it("does not show another user's device", async () => {
    const erin = await api.register('erin', 'pw');
    const frank = await api.register('frank', 'pw');
    const res = await api.call(
      'GET',
      `/_matrix/client/v3/devices/${frank.device_id}`,
      undefined,
      erin.access_token,
    );
    expect(res.status).toBe(404);
  });

  it('DELETE /devices/{deviceId} needs m.login.password, then deletes the device and its tokens', async () => {
    const main = await api.register('gina', 'gina-pw');
    const other = (await api.login('gina', 'gina-pw')).body;
    const path = `/_matrix/client/v3/devices/${other.device_id}`;
    const challenge = await api.call('DELETE', path, undefined, main.access_token);
    expect(challenge.status).toBe(401);
    expect(challenge.body).toEqual({
      flows: [{ stages: ['m.login.password'] }],
      params: {},
      session: expect.any(String),
      completed: [],
    });
    const session = challenge.body.session;
    const wrong = await api.call(
      'DELETE',
      path,
      { auth: passwordAuth('gina', 'nope', session) },
      main.access_token,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(
      expect.objectContaining({ errcode: 'M_FORBIDDEN', session, flows: expect.any(Array) }),
    );
    expect((await whoami(other.access_token as string)).status).toBe(200);
    const done = await api.call(
      'DELETE',
      path,
      { auth: passwordAuth('gina', 'gina-pw', session) },
      main.access_token,
    );
    expect(done).toEqual({ status: 200, body: {} });
    expect((await whoami(other.access_token as string)).status).toBe(401);
    expect((await whoami(main.access_token)).status).toBe(200);
  });

  it("a UIA session is bound to its request: it cannot delete another device, or authenticate another user's password", async () => {
    const hank = await api.register('hank', 'hank-pw');
    const second = (await api.login('hank', 'hank-pw')).body;
    const challenge = await api.call(
      'DELETE',
      `/_matrix/client/v3/devices/${second.device_id}`,
      {},
      hank.access_token,
    );
    const session = challenge.body.session;
    const moved = await api.call(
      'DELETE',
      `/_matrix/client/v3/devices/${hank.device_id}`,
      { auth: passwordAuth('hank', 'hank-pw', session) },
      hank.access_token,
    );
    expect(moved.status).toBe(403);
    expect(moved.body.errcode).toBe('M_FORBIDDEN');
    await api.register('ivy', 'ivy-pw');
    const otherUser = await api.call(
      'DELETE',
      `/_matrix/client/v3/devices/${second.device_id}`,
      { auth: passwordAuth('ivy', 'ivy-pw') },
      hank.access_token,
    );
    // The right password of another user is a refusal, not a stage to retry (as Synapse answers).
    expect(otherUser.status).toBe(403);
    expect(otherUser.body.errcode).toBe('M_FORBIDDEN');
    expect(otherUser.body).not.toHaveProperty('flows');
    expect((await whoami(second.access_token as string)).status).toBe(200);
  });

  it('POST /delete_devices deletes several devices at once; unknown IDs are fine', async () => {
    const jo = await api.register('jo', 'jo-pw');
    const a = (await api.login('jo', 'jo-pw')).body;
    const b = (await api.login('jo', 'jo-pw')).body;
    const devices = [a.device_id, b.device_id, 'NEVERWAS'];
    const challenge = await api.call(
      'POST',
      '/_matrix/client/v3/delete_devices',
      { devices },
      jo.access_token,
    );
    expect(challenge.status).toBe(401);
    const done = await api.call(
      'POST',
      '/_matrix/client/v3/delete_devices',
      { devices, auth: passwordAuth('jo', 'jo-pw', challenge.body.session) },
      jo.access_token,
    );
    expect(done).toEqual({ status: 200, body: {} });
    const left = await api.call('GET', '/_matrix/client/v3/devices', undefined, jo.access_token);
    expect(left.body.devices).toEqual([expect.objectContaining({ device_id: jo.device_id })]);
  });

  it('POST /account/password changes the password and logs out the other devices', async () => {
    const kim = await api.register('kim', 'old-pw');
    const other = (await api.login('kim', 'old-pw')).body;
    const body = { new_password: 'new-pw' };
    const challenge = await api.call('POST', '/_matrix/client/v3/account/password', body, kim.access_token);
    expect(challenge.status).toBe(401);
    const done = await api.call(
      'POST',
      '/_matrix/client/v3/account/password',
      { ...body, auth: passwordAuth('kim', 'old-pw', challenge.body.session) },
      kim.access_token,
    );
    expect(done).toEqual({ status: 200, body: {} });
    expect((await whoami(kim.access_token)).status).toBe(200);
    expect((await whoami(other.access_token as string)).status).toBe(401);
    expect((await api.login('kim', 'old-pw')).status).toBe(403);
    expect((await api.login('kim', 'new-pw')).status).toBe(200);
  });

  it('POST /account/password with logout_devices false keeps the other devices', async () => {
    const lee = await api.register('lee', 'old-pw');
    const other = (await api.login('lee', 'old-pw')).body;
    const body = { new_password: 'new-pw', logout_devices: false };
    const challenge = await api.call('POST', '/_matrix/client/v3/account/password', body, lee.access_token);
    await api.call(
      'POST',
      '/_matrix/client/v3/account/password',
      { ...body, auth: passwordAuth('lee', 'old-pw', challenge.body.session) },
      lee.access_token,
    );
    expect((await whoami(other.access_token as string)).status).toBe(200);
  });

  it('POST /account/password without a token authenticates by the password stage', async () => {
    const max = await api.register('max', 'old-pw');
    const challenge = await api.call('POST', '/_matrix/client/v3/account/password', {
      new_password: 'new-pw',
    });
    expect(challenge.status).toBe(401);
    const done = await api.call('POST', '/_matrix/client/v3/account/password', {
      new_password: 'new-pw',
      auth: passwordAuth('max', 'old-pw', challenge.body.session),
    });
    expect(done.status).toBe(200);
    expect((await whoami(max.access_token)).status).toBe(401);
    expect((await api.login('max', 'new-pw')).status).toBe(200);
  });

  it('POST /account/deactivate logs the user out everywhere and refuses further logins', async () => {
    const ned = await api.register('ned', 'ned-pw');
    const challenge = await api.call('POST', '/_matrix/client/v3/account/deactivate', {}, ned.access_token);
    expect(challenge.status).toBe(401);
    // SyTest "Can't deactivate account with wrong password": a failed stage is a 401 with
    // error, errcode, params, completed (even when empty) and flows.
    const wrong = await api.call(
      'POST',
      '/_matrix/client/v3/account/deactivate',
      { auth: passwordAuth('ned', 'wrong password') },
      ned.access_token,
    );
    expect(wrong).toEqual({
      status: 401,
      body: {
        errcode: 'M_FORBIDDEN',
        error: expect.any(String),
        flows: expect.any(Array),
        params: {},
        completed: [],
        session: expect.any(String),
      },
    });
    const done = await api.call(
      'POST',
      '/_matrix/client/v3/account/deactivate',
      { auth: passwordAuth('ned', 'ned-pw', challenge.body.session) },
      ned.access_token,
    );
    expect(done).toEqual({ status: 200, body: { id_server_unbind_result: 'success' } });
    expect((await whoami(ned.access_token)).status).toBe(401);
    const login = await api.login('ned', 'ned-pw');
    expect(login.status).toBe(403);
    expect(login.body.errcode).toBe('M_USER_DEACTIVATED');
    expect((await api.login('ned', 'wrong')).body.errcode).toBe('M_FORBIDDEN');
    expect((await api.call('GET', '/_matrix/client/v3/register/available?username=ned')).body.errcode).toBe(
      'M_USER_IN_USE',
    );
  });

  it('POST /account/deactivate with erase forgets the password: login is M_FORBIDDEN', async () => {
    const olga = await api.register('olga', 'olga-pw');
    const challenge = await api.call(
      'POST',
      '/_matrix/client/v3/account/deactivate',
      { erase: true },
      olga.access_token,
    );
    await api.call(
      'POST',
      '/_matrix/client/v3/account/deactivate',
      { erase: true, auth: passwordAuth('olga', 'olga-pw', challenge.body.session) },
      olga.access_token,
    );
    expect((await api.login('olga', 'olga-pw')).body.errcode).toBe('M_FORBIDDEN');
  });
});
