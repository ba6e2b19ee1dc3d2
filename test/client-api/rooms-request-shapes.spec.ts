import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('room endpoints: request and response shapes clients rely on', () => {
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

  const member = async (user: TestUser, roomId: string) =>
    (await user.call('GET', `${room(roomId)}/state/m.room.member/${encodeURIComponent(user.id)}`)).body;

  it('POST /createRoom with a room_version that is not a string is 400 M_BAD_JSON', async () => {
    expectError(await alice.call('POST', `${v3}/createRoom`, { room_version: 10 }), 400, 'M_BAD_JSON');
  });

  it('a join carries the other keys of its body into the member event, by room ID and by alias', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat', room_alias_name: 'custom' });
    expect((await bob.call('POST', `${v3}/join/${encodeURIComponent(roomId)}`, { foo: 'bar' })).body).toEqual(
      {
        room_id: roomId,
      },
    );
    expect(await member(bob, roomId)).toMatchObject({ foo: 'bar', membership: 'join' });
    await bob.call('POST', `${room(roomId)}/leave`);
    const alias = `#custom:${hs.config.server_name}`;
    const res = await bob.call('POST', `${v3}/join/${encodeURIComponent(alias)}`, {
      foo: 'baz',
      membership: 'ban',
      reason: 'hello',
    });
    expect(res.body).toEqual({ room_id: roomId });
    expect(await member(bob, roomId)).toMatchObject({ foo: 'baz', membership: 'join', reason: 'hello' });
    expectError(await bob.call('POST', `${room(roomId)}/join`, { reason: 5 }), 400, 'M_BAD_JSON');
  });

  it('GET /joined_members always has display_name and avatar_url, null when unset', async () => {
    const roomId = await api.createRoom(alice, {});
    await alice.call('PUT', `${v3}/profile/${encodeURIComponent(alice.id)}/avatar_url`, {
      avatar_url: 'mxc://test.local/a',
    });
    const res = await alice.call('GET', `${room(roomId)}/joined_members`);
    expect(res.body.joined).toEqual({
      [alice.id]: { display_name: expect.any(String), avatar_url: 'mxc://test.local/a' },
    });
    const other = await api.createRoom(bob, {});
    expect((await bob.call('GET', `${room(other)}/joined_members`)).body.joined).toEqual({
      [bob.id]: { display_name: expect.any(String), avatar_url: null },
    });
  });

  it('redacting an event of another room is 400; an unknown event stays 404', async () => {
    const first = await api.createRoom(alice, {});
    const second = await api.createRoom(alice, {});
    const sent = await alice.call('PUT', `${room(first)}/send/m.room.message/m1`, {
      msgtype: 'm.text',
      body: 'x',
    });
    const eventId = encodeURIComponent(sent.body.event_id as string);
    expectError(await alice.call('PUT', `${room(second)}/redact/${eventId}/r1`, {}), 400, 'M_INVALID_PARAM');
    expectError(
      await alice.call('PUT', `${room(second)}/redact/${encodeURIComponent('$' + 'A'.repeat(43))}/r2`, {}),
      404,
      'M_NOT_FOUND',
    );
  });

  it('deleting an alias takes it out of the room m.room.canonical_alias', async () => {
    const roomId = await api.createRoom(alice, {});
    const [main, alt] = ['canon-main', 'canon-alt'].map((n) => `#${n}:${hs.config.server_name}`);
    for (const alias of [main, alt]) {
      await alice.call('PUT', `${v3}/directory/room/${encodeURIComponent(alias)}`, { room_id: roomId });
    }
    await alice.call('PUT', `${room(roomId)}/state/m.room.canonical_alias/`, {
      alias: main,
      alt_aliases: [alt],
    });
    expect((await alice.call('DELETE', `${v3}/directory/room/${encodeURIComponent(main)}`)).status).toBe(200);
    const canonical = () => alice.call('GET', `${room(roomId)}/state/m.room.canonical_alias/`);
    expect((await canonical()).body).toEqual({ alt_aliases: [alt] });
    expect((await alice.call('DELETE', `${v3}/directory/room/${encodeURIComponent(alt)}`)).status).toBe(200);
    expect((await canonical()).body).toEqual({ alt_aliases: [] });
  });
});
