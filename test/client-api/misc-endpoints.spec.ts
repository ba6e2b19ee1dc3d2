import { createHmac } from 'node:crypto';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

const v1 = '/_matrix/client/v1';

describe('client-server-api reporting, OpenID, VoIP, third-party lookups, mutual rooms, whois', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver({
      turn: {
        uris: ['turn:turn.example.org:3478?transport=udp'],
        shared_secret: 'secret',
        user_lifetime_ms: 60_000,
      },
      login_via_existing_session: { enabled: true },
      support: {
        contacts: [{ email_address: 'admin@example.org', role: 'm.role.admin' }],
        support_page: null,
      },
    });
    c = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const send = async (u: TestUser, roomId: string, body: string): Promise<string> => {
    const res = await u.call('PUT', `${room(roomId)}/send/m.room.message/t${Date.now()}${Math.random()}`, {
      msgtype: 'm.text',
      body,
    });
    return res.body.event_id as string;
  };

  describe('"Reporting content"', () => {
    it('takes reports of events seen in joined rooms, rooms and users, and stores them', async () => {
      const alice = await c.user('alice');
      const bob = await c.user('bob');
      const roomId = await c.createRoom(alice, { preset: 'public_chat' });
      const eventId = await send(alice, roomId, 'rude');
      const report = (u: TestUser, path: string, body: unknown) => u.call('POST', path, body);

      expect(
        await report(alice, `${room(roomId)}/report/${encodeURIComponent(eventId)}`, {
          reason: 'x',
          score: -100,
        }),
      ).toEqual({
        status: 200,
        body: {},
      });
      // "The caller must be joined to the room to report it."
      expectError(
        await report(bob, `${room(roomId)}/report/${encodeURIComponent(eventId)}`, { reason: 'x' }),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await report(alice, `${room(roomId)}/report/${encodeURIComponent('$nope')}`, {}),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await report(alice, `${room(roomId)}/report/${encodeURIComponent(eventId)}`, { score: 5 }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(
        await report(alice, `${room(roomId)}/report/${encodeURIComponent(eventId)}`, { reason: 3 }),
        400,
        'M_BAD_JSON',
      );

      // Room reports need no membership.
      expect(await report(bob, `${room(roomId)}/report`, { reason: '' })).toEqual({ status: 200, body: {} });
      expectError(
        await report(bob, `${room(`!nowhere:${hs.config.server_name}`)}/report`, { reason: 'x' }),
        404,
        'M_NOT_FOUND',
      );
      expectError(await report(bob, `${room(roomId)}/report`, {}), 400, 'M_MISSING_PARAM');

      expect(
        await report(bob, `${v3}/users/${encodeURIComponent(alice.id)}/report`, { reason: 'spam' }),
      ).toEqual({
        status: 200,
        body: {},
      });
      expectError(
        await report(bob, `${v3}/users/${encodeURIComponent(`@ghost:${hs.config.server_name}`)}/report`, {
          reason: 'x',
        }),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await report(bob, `${v3}/users/not-a-user/report`, { reason: 'x' }),
        400,
        'M_INVALID_PARAM',
      );
    });
  });

  describe('"OpenID"', () => {
    it('issues a token that /_matrix/federation/v1/openid/userinfo exchanges for the user ID', async () => {
      const alice = await c.user('alice');
      const bob = await c.user('bob');
      const res = await alice.call(
        'POST',
        `${v3}/user/${encodeURIComponent(alice.id)}/openid/request_token`,
        {},
      );
      expect(res).toEqual({
        status: 200,
        body: {
          access_token: expect.any(String),
          token_type: 'Bearer',
          matrix_server_name: hs.config.server_name,
          expires_in: 3600,
        },
      });
      const userinfo = (token: string) =>
        c.call('GET', `/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(token)}`);
      expect(await userinfo(res.body.access_token as string)).toEqual({
        status: 200,
        body: { sub: alice.id },
      });
      expectError(await userinfo('made-up'), 401, 'M_UNKNOWN_TOKEN');
      expectError(await c.call('GET', '/_matrix/federation/v1/openid/userinfo'), 401, 'M_MISSING_TOKEN');
      expectError(
        await bob.call('POST', `${v3}/user/${encodeURIComponent(alice.id)}/openid/request_token`, {}),
        403,
        'M_FORBIDDEN',
      );
    });
  });

  describe('"Voice over IP"', () => {
    it('hands out TURN REST API credentials from the config', async () => {
      const alice = await c.user('alice');
      const res = await alice.call('GET', `${v3}/voip/turnServer`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        username: expect.stringMatching(new RegExp(`^\\d+:${alice.id.replace(/[.]/g, '\\.')}$`)),
        password: expect.any(String),
        uris: ['turn:turn.example.org:3478?transport=udp'],
        ttl: 60,
      });
      const expected = createHmac('sha1', 'secret')
        .update(res.body.username as string)
        .digest('base64');
      expect(res.body.password).toBe(expected);
    });
  });

  describe('"Third-party Networks"', () => {
    it('knows no protocol until application services offer some', async () => {
      const alice = await c.user('alice');
      expect(await alice.call('GET', `${v3}/thirdparty/protocols`)).toEqual({ status: 200, body: {} });
      expectError(await alice.call('GET', `${v3}/thirdparty/protocol/irc`), 404, 'M_NOT_FOUND');
      expectError(await alice.call('GET', `${v3}/thirdparty/location/irc`), 404, 'M_NOT_FOUND');
      expectError(await alice.call('GET', `${v3}/thirdparty/user/irc`), 404, 'M_NOT_FOUND');
      expect(await alice.call('GET', `${v3}/thirdparty/location?alias=%23a%3Ab`)).toEqual({
        status: 200,
        body: [],
      });
      expect(await alice.call('GET', `${v3}/thirdparty/user?userid=%40a%3Ab`)).toEqual({
        status: 200,
        body: [],
      });
      expectError(await alice.call('GET', `${v3}/thirdparty/user`), 400, 'M_MISSING_PARAM');
    });
  });

  describe('"Mutual Rooms"', () => {
    it('lists the rooms both users are joined to', async () => {
      const alice = await c.user('alice');
      const bob = await c.user('bob');
      const shared = await c.createRoom(alice, { preset: 'public_chat' });
      await c.createRoom(alice, { preset: 'public_chat' });
      expect((await bob.call('POST', `${room(shared)}/join`, {})).status).toBe(200);
      const mutual = (u: TestUser, query: string) => u.call('GET', `${v1}/mutual_rooms${query}`);
      expect(await mutual(alice, `?user_id=${encodeURIComponent(bob.id)}`)).toEqual({
        status: 200,
        body: { joined: [shared], count: 1 },
      });
      expect(
        (await mutual(alice, `?user_id=${encodeURIComponent(`@ghost:${hs.config.server_name}`)}`)).body,
      ).toEqual({
        joined: [],
        count: 0,
      });
      expectError(await mutual(alice, ''), 400, 'M_INVALID_PARAM');
      expectError(await mutual(alice, `?user_id=${encodeURIComponent(alice.id)}`), 400, 'M_INVALID_PARAM');
      expectError(await mutual(alice, '?user_id=nobody'), 400, 'M_INVALID_PARAM');
      expectError(
        await mutual(alice, `?user_id=${encodeURIComponent(bob.id)}&from=junk`),
        400,
        'M_INVALID_PARAM',
      );
    });
  });

  describe('"Server Administration" whois', () => {
    it('describes the devices of the requester, and refuses others to non-admins', async () => {
      const alice = await c.user('alice');
      const bob = await c.user('bob');
      const res = await alice.call('GET', `${v3}/admin/whois/${encodeURIComponent(alice.id)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user_id: alice.id,
        devices: { [alice.deviceId]: { sessions: [{ connections: expect.any(Array) }] } },
      });
      expectError(
        await bob.call('GET', `${v3}/admin/whois/${encodeURIComponent(alice.id)}`),
        403,
        'M_FORBIDDEN',
      );
    });
  });

  describe('discovery and unsupported media', () => {
    it('serves the configured support contacts and says what this server does not offer', async () => {
      expect(await c.call('GET', '/.well-known/matrix/support')).toEqual({
        status: 200,
        body: { contacts: [{ email_address: 'admin@example.org', role: 'm.role.admin' }] },
      });
      expectError(await c.call('GET', '/.well-known/matrix/policy_server'), 404, 'M_NOT_FOUND');
      expectError(await c.call('GET', `${v1}/auth_metadata`), 404, 'M_UNRECOGNIZED');
      for (const path of ['register', 'account/3pid', 'account/password']) {
        const body = {
          client_secret: 'secret',
          country_code: 'GB',
          phone_number: '07700900001',
          send_attempt: 1,
        };
        expectError(
          await c.call('POST', `${v3}/${path}/msisdn/requestToken`, body),
          400,
          'M_THREEPID_MEDIUM_NOT_SUPPORTED',
        );
      }
    });
  });

  describe('POST /login/get_token', () => {
    it('after the password, gives a single-use token that logs in as the same user', async () => {
      const name = `carol${Date.now()}`;
      const carol = await c.register(name, 'correct horse');
      const getToken = (body: unknown) => c.call('POST', `${v1}/login/get_token`, body, carol.access_token);
      const challenge = await getToken({});
      expect(challenge.status).toBe(401);
      expect(challenge.body.flows).toEqual([{ stages: ['m.login.password'] }]);
      const done = await getToken({
        auth: {
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user: carol.user_id },
          password: 'correct horse',
          session: challenge.body.session,
        },
      });
      expect(done).toEqual({ status: 200, body: { login_token: expect.any(String), expires_in_ms: 300000 } });
      const login = () =>
        c.call('POST', `${v3}/login`, { type: 'm.login.token', token: done.body.login_token });
      const first = await login();
      expect(first.status).toBe(200);
      expect(first.body.user_id).toBe(carol.user_id);
      expectError(await login(), 403, 'M_FORBIDDEN');
    });
  });
});

describe('POST /login/get_token when login_via_existing_session is off', () => {
  it('is an unknown endpoint', async () => {
    const hs = await startTestHomeserver();
    try {
      const c = roomsClient(hs);
      const alice = await c.user('alice');
      expectError(await alice.call('POST', `${v1}/login/get_token`, {}), 404, 'M_UNRECOGNIZED');
      expect(await alice.call('GET', `${v3}/voip/turnServer`)).toEqual({ status: 200, body: {} });
      expectError(await c.call('GET', '/.well-known/matrix/support'), 404, 'M_NOT_FOUND');
    } finally {
      await hs.stop();
    }
  });
});
