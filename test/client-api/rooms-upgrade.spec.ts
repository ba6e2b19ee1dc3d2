import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Room upgrades" (POST /rooms/{roomId}/upgrade)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    [alice, bob] = [await api.user('alice'), await api.user('bob')];
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const content = (state: Awaited<ReturnType<typeof api.state>>, type: string) =>
    state.find((e) => e.type === type && e.state_key === '')?.content;

  it('replaces a v10 room with a v12 one: predecessor, copied state, moved aliases, tombstone, locked old room', async () => {
    const oldRoom = await api.createRoom(alice, {
      room_version: '10',
      preset: 'public_chat',
      visibility: 'public',
      name: 'Old',
      topic: 'history',
      room_alias_name: 'moving',
      power_level_content_override: { users: { [alice.id]: 100 } },
    });
    await bob.call('POST', `${room(oldRoom)}/join`);
    const res = await alice.call('POST', `${room(oldRoom)}/upgrade`, { new_version: '12' });
    expect(res).toEqual({ status: 200, body: { replacement_room: expect.stringMatching(/^!/) } });
    const newRoom = res.body.replacement_room as string;

    const state = await api.state(alice, newRoom);
    expect(content(state, 'm.room.create')).toEqual({
      room_version: '12',
      predecessor: { room_id: oldRoom },
    });
    expect(content(state, 'm.room.name')).toEqual({ name: 'Old' });
    expect(content(state, 'm.room.topic')).toMatchObject({ topic: 'history' });
    expect(content(state, 'm.room.join_rules')).toEqual({ join_rule: 'public' });
    expect(content(state, 'm.room.canonical_alias')).toEqual({ alias: `#moving:${hs.config.server_name}` });
    // v12: the upgrader is a creator, so not listed; the tombstone level stays above state_default.
    const levels = content(state, 'm.room.power_levels') as Record<string, unknown>;
    expect(levels.users).toEqual({});
    expect((levels.events as Record<string, number>)['m.room.tombstone']).toBeGreaterThan(
      levels.state_default as number,
    );
    expect(state.filter((e) => e.type === 'm.room.member').map((e) => e.state_key)).toEqual([alice.id]);

    const alias = await api.call(
      'GET',
      `${v3}/directory/room/${encodeURIComponent(`#moving:${hs.config.server_name}`)}`,
    );
    expect(alias.body.room_id).toBe(newRoom);
    expect((await api.call('GET', `${v3}/directory/list/room/${encodeURIComponent(newRoom)}`)).body).toEqual({
      visibility: 'public',
    });
    expect((await api.call('GET', `${v3}/directory/list/room/${encodeURIComponent(oldRoom)}`)).body).toEqual({
      visibility: 'private',
    });

    const old = await api.state(alice, oldRoom);
    expect(content(old, 'm.room.tombstone')).toEqual({
      body: 'This room has been replaced',
      replacement_room: newRoom,
    });
    expect(content(old, 'm.room.power_levels')).toMatchObject({ events_default: 50, invite: 50 });
    expectError(
      await bob.call('PUT', `${room(oldRoom)}/send/m.room.message/late`, { body: 'late' }),
      403,
      'M_FORBIDDEN',
    );
    expect((await bob.call('POST', `${room(newRoom)}/join`)).status).toBe(200);
  });

  it('from v12 to v11 the upgrader is given the creator level of 100', async () => {
    const oldRoom = await api.createRoom(alice, { room_version: '12' });
    const res = await alice.call('POST', `${room(oldRoom)}/upgrade`, { new_version: '11' });
    expect(res.status).toBe(200);
    const state = await api.state(alice, res.body.replacement_room as string);
    expect(content(state, 'm.room.power_levels')?.users).toEqual({ [alice.id]: 100 });
  });

  it('keeps additional creators only when asked, in versions that have them', async () => {
    const oldRoom = await api.createRoom(alice, {});
    const res = await alice.call('POST', `${room(oldRoom)}/upgrade`, {
      new_version: '12',
      additional_creators: [bob.id],
    });
    const state = await api.state(alice, res.body.replacement_room as string);
    expect(content(state, 'm.room.create')).toMatchObject({ additional_creators: [bob.id] });
  });

  it('refuses users without the power to send m.room.tombstone, unknown versions and rooms, bad bodies', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    await bob.call('POST', `${room(roomId)}/join`);
    expectError(await bob.call('POST', `${room(roomId)}/upgrade`, { new_version: '12' }), 403, 'M_FORBIDDEN');
    expectError(
      await alice.call('POST', `${room(roomId)}/upgrade`, { new_version: '99' }),
      400,
      'M_UNSUPPORTED_ROOM_VERSION',
    );
    expectError(await alice.call('POST', `${room(roomId)}/upgrade`, {}), 400, 'M_MISSING_PARAM');
    expectError(await alice.call('POST', `${room(roomId)}/upgrade`, { new_version: 12 }), 400, 'M_BAD_JSON');
    expectError(
      await alice.call('POST', `${room(roomId)}/upgrade`, {
        new_version: '12',
        additional_creators: ['bob'],
      }),
      400,
      'M_INVALID_PARAM',
    );
    expectError(
      await alice.call('POST', `${room('!nope:test.local')}/upgrade`, { new_version: '12' }),
      404,
      'M_NOT_FOUND',
    );
    expect((await api.state(alice, roomId)).some((e) => e.type === 'm.room.tombstone')).toBe(false);
  });
});
