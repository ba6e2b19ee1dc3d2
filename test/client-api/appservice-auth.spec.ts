import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

const BRIDGE = `
id: bridge
url: null
as_token: as-bridge
hs_token: hs-bridge
sender_localpart: bridgebot
rate_limited: false
namespaces:
  users: [{exclusive: true, regex: '@_bridge_.*:test\\.local'}]
  aliases: [{exclusive: true, regex: '#_bridge_.*:test\\.local'}]
`;

const OTHER = `
id: other
url: null
as_token: as-other
hs_token: hs-other
sender_localpart: otherbot
namespaces:
  users: [{exclusive: true, regex: '@_other_.*:test\\.local'}]
`;

const DEVICES = `
id: devices
url: null
as_token: as-devices
hs_token: hs-devices
sender_localpart: devicesbot
io.element.msc4190: true
namespaces:
  users: [{exclusive: true, regex: '@_dev_.*:test\\.local'}]
`;

/**
 * application-service-api "Client-Server API Extensions": an application service authenticates
 * with its as_token, acts as its users, registers and logs them in; people keep out of its
 * exclusive namespaces.
 */
describe('client-server-api as an application service', () => {
  let dir: string;
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let alice: { user_id: string; access_token: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-as-'));
    await writeFile(join(dir, 'bridge.yaml'), BRIDGE);
    await writeFile(join(dir, 'other.yaml'), OTHER);
    await writeFile(join(dir, 'devices.yaml'), DEVICES);
    hs = await startTestHomeserver({
      app_service_config_files: ['bridge', 'other', 'devices'].map((name) => join(dir, `${name}.yaml`)),
    });
    api = client(hs);
    alice = await api.register('alice');
  });
  afterAll(async () => {
    await hs?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const error = (status: number, errcode: string) => ({
    status,
    body: expect.objectContaining({ errcode }),
  });
  const WHOAMI = '/_matrix/client/v3/account/whoami';
  const asRegister = (username: string, extra: Record<string, unknown> = {}, token = 'as-bridge') =>
    api.call(
      'POST',
      '/_matrix/client/v3/register',
      { type: 'm.login.application_service', username, ...extra },
      token,
    );
  const asLogin = (user: string, token: string | null = 'as-bridge') =>
    api.call(
      'POST',
      '/_matrix/client/v3/login',
      { type: 'm.login.application_service', identifier: { type: 'm.id.user', user } },
      token ?? undefined,
    );
  const createRoom = async () =>
    (await api.call('POST', '/_matrix/client/v3/createRoom', { preset: 'public_chat' }, alice.access_token))
      .body.room_id as string;

  it('an as_token, in the header or the access_token query parameter, acts as the sender user', async () => {
    expect(await api.call('GET', WHOAMI, undefined, 'as-bridge')).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: '@bridgebot:test.local' }),
    });
    expect(await api.call('GET', `${WHOAMI}?access_token=as-other`)).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: '@otherbot:test.local' }),
    });
    expect(
      await api.call(
        'GET',
        `${WHOAMI}?user_id=${encodeURIComponent('@bridgebot:test.local')}`,
        undefined,
        'as-bridge',
      ),
    ).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: '@bridgebot:test.local' }),
    });
  });

  it('an unknown token, and an hs_token, are 401 M_UNKNOWN_TOKEN', async () => {
    expect(await api.call('GET', WHOAMI, undefined, 'as-nobody')).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(await api.call('GET', WHOAMI, undefined, 'hs-bridge')).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(await asRegister('_bridge_hs', {}, 'hs-bridge')).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(await asLogin('_bridge_hs', 'hs-bridge')).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
  });

  it('user_id: a registered user of the namespace; 403 M_FORBIDDEN outside it or before registration', async () => {
    const as = (userId: string) =>
      api.call('GET', `${WHOAMI}?user_id=${encodeURIComponent(userId)}`, undefined, 'as-bridge');
    expect(await as('@_bridge_ghost:test.local')).toEqual(error(403, 'M_FORBIDDEN'));
    expect(await as(alice.user_id)).toEqual(error(403, 'M_FORBIDDEN'));
    expect(await as('@otherbot:test.local')).toEqual(error(403, 'M_FORBIDDEN'));
    expect((await asRegister('_bridge_ghost', { inhibit_login: true })).status).toBe(200);
    expect(await as('@_bridge_ghost:test.local')).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: '@_bridge_ghost:test.local' }),
    });
    expect(await api.call('GET', `${WHOAMI}?user_id=a&user_id=b`, undefined, 'as-bridge')).toEqual(
      error(400, 'M_INVALID_PARAM'),
    );
  });

  it('device_id (and MSC3202 org.matrix.msc3202.device_id): a device of that user, else 400 M_UNKNOWN_DEVICE', async () => {
    const registered = (await asRegister('_bridge_devices', { device_id: 'PHONE' })).body;
    expect(registered).toEqual(
      expect.objectContaining({ user_id: '@_bridge_devices:test.local', device_id: 'PHONE' }),
    );
    const user = encodeURIComponent('@_bridge_devices:test.local');
    for (const param of ['device_id', 'org.matrix.msc3202.device_id']) {
      expect(
        await api.call('GET', `${WHOAMI}?user_id=${user}&${param}=PHONE`, undefined, 'as-bridge'),
      ).toEqual({
        status: 200,
        body: expect.objectContaining({ user_id: '@_bridge_devices:test.local', device_id: 'PHONE' }),
      });
      expect(
        await api.call('GET', `${WHOAMI}?user_id=${user}&${param}=NOPE`, undefined, 'as-bridge'),
      ).toEqual(error(400, 'M_UNKNOWN_DEVICE'));
    }
    expect(await api.call('GET', `${WHOAMI}?device_id=PHONE`, undefined, 'as-bridge')).toEqual(
      error(400, 'M_UNKNOWN_DEVICE'),
    );
  });

  it('POST /register m.login.application_service: its namespace only, no UIA, inhibit_login honoured', async () => {
    const made = await asRegister('_bridge_made');
    expect(made).toEqual({
      status: 200,
      body: expect.objectContaining({
        user_id: '@_bridge_made:test.local',
        access_token: expect.any(String),
        device_id: expect.any(String),
      }),
    });
    expect(await api.call('GET', WHOAMI, undefined, made.body.access_token as string)).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: '@_bridge_made:test.local' }),
    });
    const inhibited = await asRegister('_bridge_quiet', { inhibit_login: true });
    expect(inhibited).toEqual({
      status: 200,
      body: { user_id: '@_bridge_quiet:test.local', home_server: 'test.local' },
    });
    expect(await asRegister('_bridge_made')).toEqual(error(400, 'M_USER_IN_USE'));
    expect(await asRegister('somebody')).toEqual(error(400, 'M_EXCLUSIVE'));
    expect(await asRegister('_other_x')).toEqual(error(400, 'M_EXCLUSIVE'));
    expect(await asRegister('bad:name')).toEqual(error(400, 'M_INVALID_USERNAME'));
    expect(await asRegister('_bridge_x', {}, alice.access_token)).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(
      await api.call('POST', '/_matrix/client/v3/register', {
        type: 'm.login.application_service',
        username: '_bridge_y',
      }),
    ).toEqual(error(401, 'M_MISSING_TOKEN'));
    expect(
      await api.call(
        'POST',
        '/_matrix/client/v3/register',
        { type: 'm.login.application_service' },
        'as-bridge',
      ),
    ).toEqual(error(400, 'M_MISSING_PARAM'));
  });

  it('people cannot register in an exclusive namespace: 400 M_EXCLUSIVE', async () => {
    expect(await api.call('GET', '/_matrix/client/v3/register/available?username=_bridge_bob')).toEqual(
      error(400, 'M_EXCLUSIVE'),
    );
    expect(
      await api.call('POST', '/_matrix/client/v3/register', { username: '_bridge_bob', password: 'pw' }),
    ).toEqual(error(400, 'M_EXCLUSIVE'));
    expect(await api.call('GET', '/_matrix/client/v3/register/available?username=bridgebot')).toEqual(
      error(400, 'M_EXCLUSIVE'),
    );
  });

  it('POST /login m.login.application_service: a registered user of its namespace', async () => {
    expect((await api.call('GET', '/_matrix/client/v3/login')).body.flows).toContainEqual({
      type: 'm.login.application_service',
    });
    await asRegister('_bridge_login', { inhibit_login: true });
    const login = await asLogin('_bridge_login');
    expect(login).toEqual({
      status: 200,
      body: expect.objectContaining({
        user_id: '@_bridge_login:test.local',
        access_token: expect.any(String),
      }),
    });
    expect((await api.call('GET', WHOAMI, undefined, login.body.access_token as string)).body.user_id).toBe(
      '@_bridge_login:test.local',
    );
    expect((await asLogin('@_bridge_login:test.local')).status).toBe(200);
    expect(await asLogin('somebody')).toEqual(error(400, 'M_EXCLUSIVE'));
    expect(await asLogin('_bridge_never')).toEqual(error(403, 'M_FORBIDDEN'));
    expect(await asLogin('_bridge_login', alice.access_token)).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(await asLogin('_bridge_login', null)).toEqual(error(401, 'M_MISSING_TOKEN'));
    expect(
      await api.call(
        'POST',
        '/_matrix/client/v3/login',
        { type: 'm.login.application_service', user: '_bridge_login' },
        'as-bridge',
      ),
    ).toEqual(error(400, 'M_INVALID_PARAM'));
  });

  it('aliases: people are kept out of an exclusive namespace, an application service out of others', async () => {
    const roomId = await createRoom();
    const put = (alias: string, token: string) =>
      api.call(
        'PUT',
        `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`,
        { room_id: roomId },
        token,
      );
    expect(await put('#_bridge_people:test.local', alice.access_token)).toEqual(error(400, 'M_EXCLUSIVE'));
    expect(await put('#elsewhere:test.local', 'as-bridge')).toEqual(error(400, 'M_EXCLUSIVE'));
    expect(await put('#_bridge_mine:test.local', 'as-bridge')).toEqual({ status: 200, body: {} });
    expect(await put('#alices:test.local', alice.access_token)).toEqual({ status: 200, body: {} });
    const createWithAlias = (name: string, token: string) =>
      api.call('POST', '/_matrix/client/v3/createRoom', { room_alias_name: name }, token);
    expect(await createWithAlias('_bridge_created', alice.access_token)).toEqual(error(400, 'M_EXCLUSIVE'));
    expect((await createWithAlias('_bridge_created', 'as-bridge')).status).toBe(200);
  });

  it('its users use rooms through it; its own user needs no registration', async () => {
    const roomId = await createRoom();
    await asRegister('_bridge_joiner', { inhibit_login: true });
    const joiner = encodeURIComponent('@_bridge_joiner:test.local');
    expect(
      (
        await api.call(
          'POST',
          `/_matrix/client/v3/join/${encodeURIComponent(roomId)}?user_id=${joiner}`,
          {},
          'as-bridge',
        )
      ).status,
    ).toBe(200);
    const sent = await api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/t1?user_id=${joiner}`,
      { msgtype: 'm.text', body: 'hi' },
      'as-bridge',
    );
    expect(sent.status).toBe(200);
    const event = await api.call(
      'GET',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(sent.body.event_id as string)}`,
      undefined,
      alice.access_token,
    );
    expect(event.body.sender).toBe('@_bridge_joiner:test.local');

    const invited = await api.call(
      'POST',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/invite`,
      { user_id: '@otherbot:test.local' },
      alice.access_token,
    );
    expect(invited.status).toBe(200);
    expect(
      (await api.call('POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {}, 'as-other'))
        .status,
    ).toBe(200);
  });

  it('POST /appservice/{appserviceId}/ping: only its own ID', async () => {
    expect(await api.call('POST', '/_matrix/client/v1/appservice/other/ping', {}, 'as-bridge')).toEqual(
      error(403, 'M_FORBIDDEN'),
    );
    expect(
      await api.call('POST', '/_matrix/client/v1/appservice/bridge/ping', {}, alice.access_token),
    ).toEqual(error(403, 'M_FORBIDDEN'));
    expect(await api.call('POST', '/_matrix/client/v1/appservice/bridge/ping', {}, 'hs-bridge')).toEqual(
      error(401, 'M_UNKNOWN_TOKEN'),
    );
    expect(
      await api.call(
        'POST',
        '/_matrix/client/v1/appservice/bridge/ping',
        { transaction_id: 't' },
        'as-bridge',
      ),
    ).toEqual(error(400, 'M_URL_NOT_SET'));
    expect(
      await api.call('POST', '/_matrix/client/v1/appservice/bridge/ping', { transaction_id: 5 }, 'as-bridge'),
    ).toEqual(error(400, 'M_BAD_JSON'));
    expect(await api.call('POST', '/_matrix/client/v1/appservice/bridge/ping', [], 'as-bridge')).toEqual(
      error(400, 'M_BAD_JSON'),
    );
  });

  it('acting without a device: whoami has no device_id, uploading keys is 400 M_MISSING_PARAM', async () => {
    expect((await api.call('GET', WHOAMI, undefined, 'as-bridge')).body).toEqual({
      user_id: '@bridgebot:test.local',
      is_guest: false,
    });
    expect(await api.call('POST', '/_matrix/client/v3/keys/upload', {}, 'as-bridge')).toEqual(
      error(400, 'M_MISSING_PARAM'),
    );
  });

  it('POST /account/deactivate: an application service deactivates its users without UIA', async () => {
    await asRegister('_bridge_gone', { inhibit_login: true });
    const gone = encodeURIComponent('@_bridge_gone:test.local');
    expect(
      await api.call('POST', `/_matrix/client/v3/account/deactivate?user_id=${gone}`, {}, 'as-bridge'),
    ).toEqual({ status: 200, body: expect.any(Object) });
    expect(await asLogin('_bridge_gone')).toEqual(error(403, 'M_USER_DEACTIVATED'));
  });

  it('MSC4190: PUT /devices/{deviceId} creates a device (201), deletes need no UIA, no logins', async () => {
    const unsupported = error(400, 'IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED');
    expect(await asRegister('_dev_a', {}, 'as-devices')).toEqual(unsupported);
    expect((await asRegister('_dev_a', { inhibit_login: true }, 'as-devices')).status).toBe(200);
    expect(await asLogin('_dev_a', 'as-devices')).toEqual(unsupported);
    const user = encodeURIComponent('@_dev_a:test.local');
    const device = `/_matrix/client/v3/devices/BRIDGED?user_id=${user}`;
    expect(await api.call('PUT', device, { display_name: 'bridge' }, 'as-devices')).toEqual({
      status: 201,
      body: {},
    });
    expect(await api.call('PUT', device, { display_name: 'renamed' }, 'as-devices')).toEqual({
      status: 200,
      body: {},
    });
    expect(
      (await api.call('GET', `${WHOAMI}?user_id=${user}&device_id=BRIDGED`, undefined, 'as-devices')).body,
    ).toEqual(expect.objectContaining({ device_id: 'BRIDGED' }));
    expect(await api.call('DELETE', device, {}, 'as-devices')).toEqual({ status: 200, body: {} });
    expect(await api.call('GET', device, undefined, 'as-devices')).toEqual(error(404, 'M_NOT_FOUND'));
    expect(
      await api.call(
        'PUT',
        `/_matrix/client/v3/devices/NEW?user_id=${encodeURIComponent('@_bridge_made:test.local')}`,
        {},
        'as-bridge',
      ),
    ).toEqual(error(404, 'M_NOT_FOUND'));
  });

  it('timestamp massaging: ?ts= of an application service on PUT /send and /state', async () => {
    const roomId = await createRoom();
    const room = encodeURIComponent(roomId);
    await api.call(
      'POST',
      `/_matrix/client/v3/rooms/${room}/invite`,
      { user_id: '@bridgebot:test.local' },
      alice.access_token,
    );
    expect((await api.call('POST', `/_matrix/client/v3/join/${room}`, {}, 'as-bridge')).status).toBe(200);
    const eventTs = async (eventId: unknown) =>
      (
        await api.call(
          'GET',
          `/_matrix/client/v3/rooms/${room}/event/${encodeURIComponent(eventId as string)}`,
          undefined,
          alice.access_token,
        )
      ).body.origin_server_ts;
    const sent = await api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${room}/send/m.room.message/ts1?ts=1234567890`,
      { msgtype: 'm.text', body: 'old' },
      'as-bridge',
    );
    expect(await eventTs(sent.body.event_id)).toBe(1234567890);
    const state = await api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${room}/state/m.room.member/${encodeURIComponent('@bridgebot:test.local')}?ts=42`,
      { membership: 'join', displayname: 'Bot' },
      'as-bridge',
    );
    expect(await eventTs(state.body.event_id)).toBe(42);
    expect(
      await api.call(
        'PUT',
        `/_matrix/client/v3/rooms/${room}/send/m.room.message/ts2?ts=soon`,
        { body: 'x' },
        'as-bridge',
      ),
    ).toEqual(error(400, 'M_INVALID_PARAM'));
    const people = await api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${room}/send/m.room.message/ts3?ts=42`,
      { msgtype: 'm.text', body: 'now' },
      alice.access_token,
    );
    expect(await eventTs(people.body.event_id)).toBeGreaterThan(1_000_000_000_000);
  });
});
