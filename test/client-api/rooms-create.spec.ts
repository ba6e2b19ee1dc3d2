import { EventsRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Creation" (POST /createRoom)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    alice = await api.user('alice');
    bob = await api.user('bob');
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const joinedRooms = async (user: TestUser) =>
    ((await user.call('GET', `${v3}/joined_rooms`)).body.joined_rooms as string[]).length;
  const content = (state: Awaited<ReturnType<typeof api.state>>, type: string, key = '') =>
    state.find((e) => e.type === type && e.state_key === key)?.content;

  it('sends the events in the order create_room.yaml lists them', async () => {
    const roomId = await api.createRoom(alice, {
      preset: 'private_chat',
      room_alias_name: 'ordered',
      initial_state: [{ type: 'm.room.encryption', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
      name: 'Ordered',
      topic: 'All in order',
      invite: [bob.id],
    });
    const state = await api.state(alice, roomId);
    // /state has no order of its own: sort by stream position, the order the server sent them in.
    const rows = await hs.app.get(EventsRepository).getMany(
      hs.app.get(Transactions).reader,
      state.map((e) => e.event_id),
    );
    const order = [...state].sort(
      (a, b) => (rows.get(a.event_id)?.streamOrdering ?? 0) - (rows.get(b.event_id)?.streamOrdering ?? 0),
    );
    expect(order.map((e) => `${e.type}|${e.state_key}`)).toEqual([
      'm.room.create|',
      `m.room.member|${alice.id}`,
      'm.room.power_levels|',
      'm.room.canonical_alias|',
      'm.room.join_rules|',
      'm.room.history_visibility|',
      'm.room.guest_access|',
      'm.room.encryption|',
      'm.room.name|',
      'm.room.topic|',
      `m.room.member|${bob.id}`,
    ]);
    expect(content(state, 'm.room.join_rules')).toEqual({ join_rule: 'invite' });
    expect(content(state, 'm.room.history_visibility')).toEqual({ history_visibility: 'shared' });
    expect(content(state, 'm.room.guest_access')).toEqual({ guest_access: 'can_join' });
    expect(content(state, 'm.room.canonical_alias')).toEqual({ alias: `#ordered:${hs.config.server_name}` });
    expect(content(state, 'm.room.topic')).toEqual({
      topic: 'All in order',
      'm.topic': { 'm.text': [{ mimetype: 'text/plain', body: 'All in order' }] },
    });
    expect(content(state, 'm.room.member', bob.id)).toEqual({ membership: 'invite' });
    const alias = await api.call(
      'GET',
      `${v3}/directory/room/${encodeURIComponent(`#ordered:${hs.config.server_name}`)}`,
    );
    expect(alias.body).toEqual({ room_id: roomId, servers: [hs.config.server_name] });
  });

  it('public_chat: public join rule, guests forbidden, invite power 50, and the default version (12)', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    const state = await api.state(alice, roomId);
    expect(content(state, 'm.room.create')).toEqual({ room_version: hs.config.default_room_version });
    expect(content(state, 'm.room.join_rules')).toEqual({ join_rule: 'public' });
    expect(content(state, 'm.room.guest_access')).toEqual({ guest_access: 'forbidden' });
    expect(content(state, 'm.room.power_levels')?.invite).toBe(50);
  });

  it('room version 12: the creator is not listed in power_levels.users and tombstone is above state_default', async () => {
    const roomId = await api.createRoom(alice, { room_version: '12' });
    const levels = content(await api.state(alice, roomId), 'm.room.power_levels');
    expect(levels?.users).toEqual({});
    expect((levels?.events as Record<string, number>)['m.room.tombstone']).toBe(150);
  });

  it('room version 11: the creator gets 100; trusted_private_chat gives invitees the same', async () => {
    const roomId = await api.createRoom(alice, {
      room_version: '11',
      preset: 'trusted_private_chat',
      invite: [bob.id],
    });
    const state = await api.state(alice, roomId);
    expect(content(state, 'm.room.power_levels')?.users).toEqual({ [alice.id]: 100, [bob.id]: 100 });
    expect(content(state, 'm.room.create')).toEqual({ room_version: '11' });
  });

  it('room version 12 trusted_private_chat: invitees become additional creators, merged with creation_content', async () => {
    const carol = await api.user('carol');
    const roomId = await api.createRoom(alice, {
      preset: 'trusted_private_chat',
      invite: [bob.id],
      creation_content: { additional_creators: [carol.id, bob.id], 'm.federate': false },
    });
    const state = await api.state(alice, roomId);
    expect(content(state, 'm.room.create')).toEqual({
      room_version: '12',
      additional_creators: [carol.id, bob.id],
      'm.federate': false,
    });
    expect(content(state, 'm.room.power_levels')?.users).toEqual({});
  });

  it('applies power_level_content_override and sets is_direct on invites', async () => {
    const roomId = await api.createRoom(alice, {
      power_level_content_override: { events_default: 10, users: { [bob.id]: 20 } },
      invite: [bob.id],
      is_direct: true,
    });
    const state = await api.state(alice, roomId);
    expect(content(state, 'm.room.power_levels')).toMatchObject({
      events_default: 10,
      users: { [bob.id]: 20 },
    });
    expect(content(state, 'm.room.member', bob.id)).toEqual({ membership: 'invite', is_direct: true });
  });

  it('name and topic override initial_state; initial_state overrides the preset', async () => {
    const roomId = await api.createRoom(alice, {
      preset: 'public_chat',
      name: 'Given',
      initial_state: [
        { type: 'm.room.name', content: { name: 'From state' } },
        {
          type: 'm.room.history_visibility',
          state_key: '',
          content: { history_visibility: 'world_readable' },
        },
      ],
    });
    const state = await api.state(alice, roomId);
    expect(content(state, 'm.room.name')).toEqual({ name: 'Given' });
    expect(content(state, 'm.room.history_visibility')).toEqual({ history_visibility: 'world_readable' });
    expect(state.filter((e) => e.type === 'm.room.history_visibility')).toHaveLength(1);
  });

  it('visibility public publishes the room in the directory; private does not', async () => {
    const pub = await api.createRoom(alice, { visibility: 'public', name: 'Listed' });
    const priv = await api.createRoom(alice, {});
    expect((await api.call('GET', `${v3}/directory/list/room/${encodeURIComponent(pub)}`)).body).toEqual({
      visibility: 'public',
    });
    expect((await api.call('GET', `${v3}/directory/list/room/${encodeURIComponent(priv)}`)).body).toEqual({
      visibility: 'private',
    });
    const listed = await api.call('GET', `${v3}/publicRooms`);
    expect((listed.body.chunk as { room_id: string }[]).map((r) => r.room_id)).toContain(pub);
    expect((listed.body.chunk as { room_id: string }[]).map((r) => r.room_id)).not.toContain(priv);
  });

  describe('bad requests create nothing', () => {
    const cases: [string, unknown, number, string][] = [
      ['a body that is not JSON', '{not json', 400, 'M_NOT_JSON'],
      ['a body that is not an object', '[1]', 400, 'M_BAD_JSON'],
      ['a name that is not a string', { name: 5 }, 400, 'M_BAD_JSON'],
      ['an unknown preset', { preset: 'party' }, 400, 'M_INVALID_PARAM'],
      ['an unknown visibility', { visibility: 'secret' }, 400, 'M_INVALID_PARAM'],
      ['invite that is not an array', { invite: 'bob' }, 400, 'M_INVALID_PARAM'],
      ['an invalid user ID to invite', { invite: ['bob'] }, 400, 'M_INVALID_PARAM'],
      ['an unknown local user to invite', { invite: ['@nobody:test.local'] }, 404, 'M_NOT_FOUND'],
      ['initial_state without content', { initial_state: [{ type: 'm.room.name' }] }, 400, 'M_INVALID_PARAM'],
      ['creation_content that is not an object', { creation_content: [] }, 400, 'M_BAD_JSON'],
      ['an alias localpart with a colon', { room_alias_name: 'a:b' }, 400, 'M_INVALID_PARAM'],
      ['an unsupported room version', { room_version: '999' }, 400, 'M_UNSUPPORTED_ROOM_VERSION'],
      [
        'a v12 creator listed in power levels (invalid initial state)',
        { room_version: '12', power_level_content_override: { users: { '@alice1:test.local': 100 } } },
        400,
        'M_INVALID_ROOM_STATE',
      ],
      [
        'power levels that forbid the creator the rest of the room (invalid initial state)',
        { room_version: '11', name: 'x', power_level_content_override: { users: {}, state_default: 100 } },
        400,
        'M_INVALID_ROOM_STATE',
      ],
    ];
    it.each(cases)('%s', async (_title, body, status, errcode) => {
      const before = await joinedRooms(alice);
      expectError(await alice.call('POST', `${v3}/createRoom`, body), status, errcode);
      expect(await joinedRooms(alice)).toBe(before);
    });

    it('a taken alias is M_ROOM_IN_USE, and no second room appears', async () => {
      await api.createRoom(alice, { room_alias_name: 'taken' });
      const before = await joinedRooms(alice);
      expectError(
        await alice.call('POST', `${v3}/createRoom`, { room_alias_name: 'taken', visibility: 'public' }),
        400,
        'M_ROOM_IN_USE',
      );
      expect(await joinedRooms(alice)).toBe(before);
    });

    it('needs an access token', async () => {
      expectError(await api.call('POST', `${v3}/createRoom`, {}), 401, 'M_MISSING_TOKEN');
    });
  });

  it('the creator is joined and can read the room; another user cannot', async () => {
    const roomId = await api.createRoom(alice, {});
    expect((await alice.call('GET', `${v3}/joined_rooms`)).body.joined_rooms).toContain(roomId);
    expectError(await bob.call('GET', `${room(roomId)}/state`), 403, 'M_FORBIDDEN');
  });
});
