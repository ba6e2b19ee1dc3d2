import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('room upgrades: what moves to the replacement room (modules/room_upgrades)', () => {
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

  const stateContent = async (user: TestUser, roomId: string, type: string, stateKey = '') => {
    const res = await user.call('GET', `${room(roomId)}/state/${type}/${encodeURIComponent(stateKey)}`);
    return res.status === 200 ? res.body : undefined;
  };
  const upgrade = async (roomId: string, version: string) => {
    const res = await alice.call('POST', `${room(roomId)}/upgrade`, { new_version: version });
    expect(res.status).toBe(200);
    return res.body.replacement_room as string;
  };

  it('before v12 the tombstone comes first and the new create event names it in predecessor.event_id', async () => {
    const oldRoom = await api.createRoom(alice, { room_version: '10', preset: 'public_chat' });
    const newRoom = await upgrade(oldRoom, '10');
    const tombstone = await alice.call('GET', `${room(oldRoom)}/state/m.room.tombstone/?format=event`);
    expect(tombstone.body).toMatchObject({ content: { replacement_room: newRoom } });
    expect(await stateContent(alice, newRoom, 'm.room.create')).toEqual({
      room_version: '10',
      creator: alice.id,
      predecessor: { room_id: oldRoom, event_id: tombstone.body.event_id },
    });
  });

  it('copies bans and m.federate, and empties the old room canonical alias', async () => {
    const oldRoom = await api.createRoom(alice, {
      room_version: '10',
      preset: 'public_chat',
      room_alias_name: 'transfer',
      creation_content: { 'm.federate': false },
    });
    const alias = `#transfer:${hs.config.server_name}`;
    expect((await alice.call('POST', `${room(oldRoom)}/ban`, { user_id: '@mallory:elsewhere' })).status).toBe(
      200,
    );
    const newRoom = await upgrade(oldRoom, '10');
    expect(await stateContent(alice, newRoom, 'm.room.member', '@mallory:elsewhere')).toEqual({
      membership: 'ban',
    });
    expect(await stateContent(alice, newRoom, 'm.room.create')).toMatchObject({ 'm.federate': false });
    expect(await stateContent(alice, newRoom, 'm.room.canonical_alias')).toEqual({ alias });
    expect(await stateContent(alice, oldRoom, 'm.room.canonical_alias')).toEqual({});
  });

  it('copies tags and m.direct: for the upgrader at once, for another member when they join', async () => {
    const oldRoom = await api.createRoom(alice, { preset: 'public_chat' });
    await bob.call('POST', `${room(oldRoom)}/join`);
    const tags = (user: TestUser, roomId: string) =>
      `${v3}/user/${encodeURIComponent(user.id)}/rooms/${encodeURIComponent(roomId)}/tags`;
    await alice.call('PUT', `${tags(alice, oldRoom)}/u.work`, { order: 0.5 });
    await bob.call('PUT', `${tags(bob, oldRoom)}/u.later`, {});
    await alice.call('PUT', `${v3}/user/${encodeURIComponent(alice.id)}/account_data/m.direct`, {
      [bob.id]: [oldRoom],
    });
    const newRoom = await upgrade(oldRoom, '11');
    expect((await alice.call('GET', tags(alice, newRoom))).body).toEqual({
      tags: { 'u.work': { order: 0.5 } },
    });
    expect(
      (await alice.call('GET', `${v3}/user/${encodeURIComponent(alice.id)}/account_data/m.direct`)).body,
    ).toEqual({ [bob.id]: [oldRoom, newRoom] });
    expect((await bob.call('GET', tags(bob, newRoom))).body).toEqual({ tags: {} });
    expect((await bob.call('POST', `${room(newRoom)}/join`)).status).toBe(200);
    expect((await bob.call('GET', tags(bob, newRoom))).body).toEqual({ tags: { 'u.later': {} } });
  });

  it('refuses a tombstone that names its own room, as state or as a message event (400)', async () => {
    const roomId = await api.createRoom(alice, {});
    expectError(
      await alice.call('PUT', `${room(roomId)}/state/m.room.tombstone/`, { replacement_room: roomId }),
      400,
      'M_BAD_JSON',
    );
    expectError(
      await alice.call('PUT', `${room(roomId)}/send/m.room.tombstone/t1`, { replacement_room: roomId }),
      400,
      'M_BAD_JSON',
    );
  });
});
