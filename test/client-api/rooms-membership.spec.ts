import { localpartOf } from '@switchboard/protocol';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Room membership"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    [alice, bob, carol] = [await api.user('alice'), await api.user('bob'), await api.user('carol')];
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const membershipOf = async (reader: TestUser, roomId: string, userId: string) =>
    (await reader.call('GET', `${room(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`)).body
      .membership;
  const joined = async (user: TestUser) =>
    (await user.call('GET', `${v3}/joined_rooms`)).body.joined_rooms as string[];

  describe('joining', () => {
    it('joins a public room by room ID and by alias, answering with the room ID', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat', room_alias_name: 'lobby' });
      expect(await bob.call('POST', `${room(roomId)}/join`, {})).toEqual({
        status: 200,
        body: { room_id: roomId },
      });
      const alias = encodeURIComponent(`#lobby:${hs.config.server_name}`);
      expect(await carol.call('POST', `${v3}/join/${alias}`, { reason: 'hello' })).toEqual({
        status: 200,
        body: { room_id: roomId },
      });
      expect(await membershipOf(alice, roomId, bob.id)).toBe('join');
      const carolJoin = await alice.call(
        'GET',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(carol.id)}`,
      );
      expect(carolJoin.body).toEqual({
        membership: 'join',
        reason: 'hello',
        displayname: localpartOf(carol.id),
      });
      expect(await joined(bob)).toContain(roomId);
    });

    it('joining again changes nothing', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      const before = await alice.call(
        'GET',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(bob.id)}?format=event`,
      );
      await bob.call('POST', `${v3}/join/${encodeURIComponent(roomId)}`, {});
      const after = await alice.call(
        'GET',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(bob.id)}?format=event`,
      );
      expect(after.body.event_id).toBe(before.body.event_id);
    });

    it('an invite-only room needs an invite: 403 M_FORBIDDEN, then 200 once invited', async () => {
      const roomId = await api.createRoom(alice, { preset: 'private_chat' });
      expectError(await bob.call('POST', `${room(roomId)}/join`, {}), 403, 'M_FORBIDDEN');
      expect(await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id, reason: 'come' })).toEqual(
        {
          status: 200,
          body: {},
        },
      );
      expect(await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id })).toEqual({
        status: 200,
        body: {},
      });
      expect(await bob.call('POST', `${room(roomId)}/join`, {})).toEqual({
        status: 200,
        body: { room_id: roomId },
      });
    });

    it('an unknown room or alias is 404 M_NOT_FOUND; a malformed one 400', async () => {
      expectError(
        await bob.call('POST', `${v3}/join/${encodeURIComponent('!nope:test.local')}`, {}),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await bob.call('POST', `${v3}/join/${encodeURIComponent('#nope:test.local')}`, {}),
        404,
        'M_NOT_FOUND',
      );
      expectError(await bob.call('POST', `${room('!nope:test.local')}/join`, {}), 404, 'M_NOT_FOUND');
      expectError(await bob.call('POST', `${v3}/join/nothing`, {}), 400, 'M_INVALID_PARAM');
      expectError(await bob.call('POST', `${room('!r:test.local')}/join`, { reason: 3 }), 400, 'M_BAD_JSON');
      expectError(await bob.call('POST', `${room('!r:test.local')}/join`, '{oops'), 400, 'M_NOT_JSON');
    });

    it('restricted: members of an allowed room may join without an invite, others may not', async () => {
      const space = await api.createRoom(alice, { preset: 'public_chat' });
      const roomId = await api.createRoom(alice, {
        initial_state: [
          {
            type: 'm.room.join_rules',
            content: { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: space }] },
          },
        ],
      });
      expectError(await carol.call('POST', `${room(roomId)}/join`, {}), 403, 'M_FORBIDDEN');
      await carol.call('POST', `${room(space)}/join`, {});
      expect((await carol.call('POST', `${room(roomId)}/join`, {})).status).toBe(200);
      const join = await alice.call(
        'GET',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(carol.id)}`,
      );
      expect(join.body).toEqual({
        membership: 'join',
        join_authorised_via_users_server: alice.id,
        displayname: localpartOf(carol.id),
      });
    });
  });

  describe('inviting', () => {
    it('refuses bad input and outsiders', async () => {
      const roomId = await api.createRoom(alice, {});
      expectError(await alice.call('POST', `${room(roomId)}/invite`, {}), 400, 'M_MISSING_PARAM');
      expectError(await alice.call('POST', `${room(roomId)}/invite`, { user_id: 5 }), 400, 'M_BAD_JSON');
      expectError(
        await alice.call('POST', `${room(roomId)}/invite`, { user_id: 'bob' }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(
        await alice.call('POST', `${room(roomId)}/invite`, { user_id: '@ghost:test.local' }),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await alice.call('POST', `${room('!nope:test.local')}/invite`, { user_id: bob.id }),
        404,
        'M_NOT_FOUND',
      );
      // "The inviter is not currently in the room.", also once the invitee is invited.
      const outsider = () => carol.call('POST', `${room(roomId)}/invite`, { user_id: bob.id });
      expectError(await outsider(), 403, 'M_FORBIDDEN');
      await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id });
      expectError(await outsider(), 403, 'M_FORBIDDEN');
      // Users of other servers are invited through their server: one that cannot be reached is 502.
      expectError(
        await alice.call('POST', `${room(roomId)}/invite`, { user_id: '@x:elsewhere.example' }),
        502,
        'M_UNKNOWN',
      );
    });

    it('refuses inviting a member who is already joined', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      expectError(
        await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id }),
        403,
        'M_FORBIDDEN',
      );
    });
  });

  describe('leaving and forgetting', () => {
    it('leaves, rejects an invite, and a repeated leave is harmless', async () => {
      const roomId = await api.createRoom(alice, {});
      await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id });
      expect(await bob.call('POST', `${room(roomId)}/leave`, { reason: 'no thanks' })).toEqual({
        status: 200,
        body: {},
      });
      expect(await membershipOf(alice, roomId, bob.id)).toBe('leave');
      expect((await bob.call('POST', `${room(roomId)}/leave`, {})).status).toBe(200);
      // "if the room is an "invite-only" room the user will need to be re-invited"
      expectError(await bob.call('POST', `${room(roomId)}/join`, {}), 403, 'M_FORBIDDEN');
    });

    it('a user never in the room cannot leave it (403); an unknown room is 404', async () => {
      const roomId = await api.createRoom(alice, {});
      expectError(await carol.call('POST', `${room(roomId)}/leave`, {}), 403, 'M_FORBIDDEN');
      expectError(await carol.call('POST', `${room('!nope:test.local')}/leave`, {}), 404, 'M_NOT_FOUND');
    });

    it('forget: 400 M_UNKNOWN while joined; after leaving, the room is gone for the user', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      const said = await bob.call('PUT', `${room(roomId)}/send/m.room.message/f1`, { body: 'bye' });
      const readSaid = () =>
        bob.call('GET', `${room(roomId)}/event/${encodeURIComponent(said.body.event_id as string)}`);
      expectError(await bob.call('POST', `${room(roomId)}/forget`), 400, 'M_UNKNOWN');
      await bob.call('POST', `${room(roomId)}/leave`);
      expect((await bob.call('GET', `${room(roomId)}/state`)).status).toBe(200);
      expect((await readSaid()).status).toBe(200);
      expect(await bob.call('POST', `${room(roomId)}/forget`, {})).toEqual({ status: 200, body: {} });
      expectError(await bob.call('GET', `${room(roomId)}/state`), 403, 'M_FORBIDDEN');
      expectError(await readSaid(), 404, 'M_NOT_FOUND');
      expect(await joined(bob)).not.toContain(roomId);
      expectError(await carol.call('POST', `${room(roomId)}/forget`), 404, 'M_NOT_FOUND');
    });
  });

  describe('kicking, banning, unbanning', () => {
    it('kicks with the power to; a kicked user may rejoin a public room', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      await carol.call('POST', `${room(roomId)}/join`);
      expectError(await bob.call('POST', `${room(roomId)}/kick`, { user_id: carol.id }), 403, 'M_FORBIDDEN');
      expect(
        await alice.call('POST', `${room(roomId)}/kick`, { user_id: carol.id, reason: 'jokes' }),
      ).toEqual({
        status: 200,
        body: {},
      });
      const kick = await alice.call(
        'GET',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(carol.id)}?format=event`,
      );
      expect(kick.body).toMatchObject({
        sender: alice.id,
        content: { membership: 'leave', reason: 'jokes' },
      });
      // "The kickee is not currently in the room."
      expectError(
        await alice.call('POST', `${room(roomId)}/kick`, { user_id: carol.id }),
        403,
        'M_FORBIDDEN',
      );
      expect((await carol.call('POST', `${room(roomId)}/join`)).status).toBe(200);
      expectError(await alice.call('POST', `${room(roomId)}/kick`, {}), 400, 'M_MISSING_PARAM');
    });

    it('a banned user cannot join (403 M_FORBIDDEN) until unbanned', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      expectError(await bob.call('POST', `${room(roomId)}/ban`, { user_id: alice.id }), 403, 'M_FORBIDDEN');
      expect(await alice.call('POST', `${room(roomId)}/ban`, { user_id: bob.id, reason: 'spam' })).toEqual({
        status: 200,
        body: {},
      });
      expect(await membershipOf(alice, roomId, bob.id)).toBe('ban');
      expectError(await bob.call('POST', `${room(roomId)}/join`, {}), 403, 'M_FORBIDDEN');
      expectError(
        await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id }),
        403,
        'M_FORBIDDEN',
      );
      expectError(await alice.call('POST', `${room(roomId)}/kick`, { user_id: bob.id }), 403, 'M_FORBIDDEN');
      expectError(
        await alice.call('POST', `${room(roomId)}/unban`, { user_id: carol.id }),
        403,
        'M_FORBIDDEN',
      );
      expect(await alice.call('POST', `${room(roomId)}/unban`, { user_id: bob.id })).toEqual({
        status: 200,
        body: {},
      });
      expect(await membershipOf(alice, roomId, bob.id)).toBe('leave');
      expect((await bob.call('POST', `${room(roomId)}/join`, {})).status).toBe(200);
    });

    it('a user not in the room may be banned pre-emptively', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      expect((await alice.call('POST', `${room(roomId)}/ban`, { user_id: carol.id })).status).toBe(200);
      expectError(await carol.call('POST', `${room(roomId)}/join`), 403, 'M_FORBIDDEN');
    });
  });

  describe('knocking', () => {
    it('knocks on a knock room by ID or alias; the knock is accepted with an invite', async () => {
      const roomId = await api.createRoom(alice, {
        room_alias_name: 'door',
        initial_state: [{ type: 'm.room.join_rules', content: { join_rule: 'knock' } }],
      });
      const alias = encodeURIComponent(`#door:${hs.config.server_name}`);
      expect(await bob.call('POST', `${v3}/knock/${alias}`, { reason: 'let me in' })).toEqual({
        status: 200,
        body: { room_id: roomId },
      });
      expect(await membershipOf(alice, roomId, bob.id)).toBe('knock');
      await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id });
      // "Users who are currently in the room, already invited, or banned cannot knock on the room."
      expectError(
        await bob.call('POST', `${v3}/knock/${encodeURIComponent(roomId)}`, {}),
        403,
        'M_FORBIDDEN',
      );
      expect((await bob.call('POST', `${room(roomId)}/join`)).status).toBe(200);
    });

    it('a knock is retracted by leaving; a public room cannot be knocked on', async () => {
      const knockRoom = await api.createRoom(alice, {
        initial_state: [{ type: 'm.room.join_rules', content: { join_rule: 'knock' } }],
      });
      await carol.call('POST', `${v3}/knock/${encodeURIComponent(knockRoom)}`, {});
      expect((await carol.call('POST', `${room(knockRoom)}/leave`)).status).toBe(200);
      expect(await membershipOf(alice, knockRoom, carol.id)).toBe('leave');
      const publicRoom = await api.createRoom(alice, { preset: 'public_chat' });
      expectError(
        await carol.call('POST', `${v3}/knock/${encodeURIComponent(publicRoom)}`, {}),
        403,
        'M_FORBIDDEN',
      );
      expectError(
        await carol.call('POST', `${v3}/knock/${encodeURIComponent('!nope:test.local')}`, {}),
        404,
        'M_NOT_FOUND',
      );
    });
  });

  it('GET /joined_rooms lists exactly the rooms the user is joined to', async () => {
    const dave = await api.user('dave');
    expect(await dave.call('GET', `${v3}/joined_rooms`)).toEqual({ status: 200, body: { joined_rooms: [] } });
    const a = await api.createRoom(dave, {});
    const b = await api.createRoom(dave, {});
    await dave.call('POST', `${room(b)}/leave`);
    expect(await joined(dave)).toEqual([a]);
  });
});
