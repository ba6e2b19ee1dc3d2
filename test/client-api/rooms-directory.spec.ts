import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Room aliases" and "Published room directory"', () => {
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

  const aliasPath = (localpart: string) =>
    `${v3}/directory/room/${encodeURIComponent(`#${localpart}:${hs.config.server_name}`)}`;
  const listing = (roomId: string) => `${v3}/directory/list/room/${encodeURIComponent(roomId)}`;

  describe('aliases', () => {
    it('creates, resolves, lists and deletes an alias', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      expect(await alice.call('PUT', aliasPath('coffee'), { room_id: roomId })).toEqual({
        status: 200,
        body: {},
      });
      expect(await api.call('GET', aliasPath('coffee'))).toEqual({
        status: 200,
        body: { room_id: roomId, servers: [hs.config.server_name] },
      });
      expect((await alice.call('GET', `${room(roomId)}/aliases`)).body).toEqual({
        aliases: [`#coffee:${hs.config.server_name}`],
      });
      expect(await alice.call('DELETE', aliasPath('coffee'))).toEqual({ status: 200, body: {} });
      expectError(await api.call('GET', aliasPath('coffee')), 404, 'M_NOT_FOUND');
      expectError(await alice.call('DELETE', aliasPath('coffee')), 404, 'M_NOT_FOUND');
    });

    it('a taken alias is 409 M_UNKNOWN; bad aliases and room IDs are refused', async () => {
      const roomId = await api.createRoom(alice, {});
      await alice.call('PUT', aliasPath('once'), { room_id: roomId });
      const taken = await bob.call('PUT', aliasPath('once'), { room_id: roomId });
      expectError(taken, 409, 'M_UNKNOWN');
      expectError(
        await alice.call('PUT', `${v3}/directory/room/nohash`, { room_id: roomId }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(
        await alice.call('PUT', `${v3}/directory/room/${encodeURIComponent('#x:other.example')}`, {
          room_id: roomId,
        }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(
        await alice.call('PUT', aliasPath('nowhere'), { room_id: '!nope:test.local' }),
        404,
        'M_NOT_FOUND',
      );
      expectError(await alice.call('PUT', aliasPath('nobody'), {}), 400, 'M_MISSING_PARAM');
      expectError(await api.call('GET', `${v3}/directory/room/nohash`), 400, 'M_INVALID_PARAM');
      expectError(await api.call('PUT', aliasPath('anon'), { room_id: roomId }), 401, 'M_MISSING_TOKEN');
    });

    it('only the alias creator or a member allowed to set the canonical alias may delete it', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await alice.call('PUT', aliasPath('guarded'), { room_id: roomId });
      await bob.call('POST', `${room(roomId)}/join`);
      expectError(await bob.call('DELETE', aliasPath('guarded')), 403, 'M_FORBIDDEN');
      await bob.call('PUT', aliasPath('bobs'), { room_id: roomId });
      expect((await alice.call('DELETE', aliasPath('bobs'))).status).toBe(200);
    });

    it('GET /rooms/{roomId}/aliases is for members, or anyone in a world_readable room', async () => {
      const roomId = await api.createRoom(alice, {});
      expectError(await bob.call('GET', `${room(roomId)}/aliases`), 403, 'M_FORBIDDEN');
      const open = await api.createRoom(alice, {
        initial_state: [
          { type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } },
        ],
      });
      expect(await bob.call('GET', `${room(open)}/aliases`)).toEqual({ status: 200, body: { aliases: [] } });
    });
  });

  describe('published room directory', () => {
    it("reads and sets a room's visibility; only a moderator may change it", async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      expect(await api.call('GET', listing(roomId))).toEqual({
        status: 200,
        body: { visibility: 'private' },
      });
      await bob.call('POST', `${room(roomId)}/join`);
      expectError(await bob.call('PUT', listing(roomId), { visibility: 'public' }), 403, 'M_FORBIDDEN');
      expect(await alice.call('PUT', listing(roomId), {})).toEqual({ status: 200, body: {} });
      expect((await api.call('GET', listing(roomId))).body).toEqual({ visibility: 'public' });
      expect(await alice.call('PUT', listing(roomId), { visibility: 'private' })).toEqual({
        status: 200,
        body: {},
      });
      expect((await api.call('GET', listing(roomId))).body).toEqual({ visibility: 'private' });
      expectError(await alice.call('PUT', listing(roomId), { visibility: 'hidden' }), 400, 'M_INVALID_PARAM');
      expectError(await api.call('GET', listing('!nope:test.local')), 404, 'M_NOT_FOUND');
      expectError(
        await alice.call('PUT', listing('!nope:test.local'), { visibility: 'public' }),
        404,
        'M_NOT_FOUND',
      );
    });

    it('lists published rooms with their chunk fields, filters and pages through them', async () => {
      const big = await api.createRoom(alice, {
        visibility: 'public',
        name: 'Big Garden',
        topic: 'plants',
        room_alias_name: 'garden',
        initial_state: [
          { type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } },
          { type: 'm.room.guest_access', content: { guest_access: 'can_join' } },
          { type: 'm.room.avatar', content: { url: 'mxc://test.local/flower' } },
        ],
      });
      await bob.call('POST', `${room(big)}/join`);
      const space = await api.createRoom(alice, {
        visibility: 'public',
        name: 'Space',
        creation_content: { type: 'm.space' },
      });
      const small = await api.createRoom(alice, { visibility: 'public', preset: 'private_chat' });

      const all = await api.call('GET', `${v3}/publicRooms`);
      expect(all.status).toBe(200);
      expect(all.body.total_room_count_estimate).toBe(3);
      const chunk = all.body.chunk as Record<string, unknown>[];
      expect(chunk[0]).toEqual({
        room_id: big,
        num_joined_members: 2,
        world_readable: true,
        guest_can_join: true,
        name: 'Big Garden',
        topic: 'plants',
        canonical_alias: `#garden:${hs.config.server_name}`,
        avatar_url: 'mxc://test.local/flower',
        join_rule: 'public',
      });
      expect(chunk.find((c) => c.room_id === space)).toMatchObject({
        room_type: 'm.space',
        num_joined_members: 1,
      });
      expect(chunk.find((c) => c.room_id === small)).toMatchObject({
        join_rule: 'invite',
        guest_can_join: true,
      });

      const page1 = await api.call('GET', `${v3}/publicRooms?limit=2`);
      expect((page1.body.chunk as unknown[]).length).toBe(2);
      expect(page1.body.prev_batch).toBeUndefined();
      const page2 = await api.call(
        'GET',
        `${v3}/publicRooms?limit=2&since=${page1.body.next_batch as string}`,
      );
      expect((page2.body.chunk as unknown[]).length).toBe(1);
      expect(page2.body.next_batch).toBeUndefined();
      const back = await api.call(
        'GET',
        `${v3}/publicRooms?limit=2&since=${page2.body.prev_batch as string}`,
      );
      expect(back.body.chunk).toEqual(page1.body.chunk);

      const search = await alice.call('POST', `${v3}/publicRooms`, {
        filter: { generic_search_term: 'GARDEN' },
      });
      expect((search.body.chunk as { room_id: string }[]).map((c) => c.room_id)).toEqual([big]);
      const spaces = await alice.call('POST', `${v3}/publicRooms`, { filter: { room_types: ['m.space'] } });
      expect((spaces.body.chunk as { room_id: string }[]).map((c) => c.room_id)).toEqual([space]);
      const untyped = await alice.call('POST', `${v3}/publicRooms`, {
        filter: { room_types: [null] },
        limit: 10,
      });
      expect((untyped.body.chunk as { room_id: string }[]).map((c) => c.room_id).sort()).toEqual(
        [big, small].sort(),
      );
    });

    it('refuses bad parameters', async () => {
      expectError(await api.call('GET', `${v3}/publicRooms?limit=many`), 400, 'M_INVALID_PARAM');
      expectError(await api.call('GET', `${v3}/publicRooms?since=garbage`), 400, 'M_INVALID_PARAM');
      // Another server's directory is fetched over federation: one that cannot be reached is 502.
      expectError(await api.call('GET', `${v3}/publicRooms?server=other.example`), 502, 'M_UNKNOWN');
      expectError(await alice.call('POST', `${v3}/publicRooms`, { limit: 'ten' }), 400, 'M_INVALID_PARAM');
      expectError(
        await alice.call('POST', `${v3}/publicRooms`, { filter: { room_types: 'm.space' } }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(await alice.call('POST', `${v3}/publicRooms`, '[]'), 400, 'M_BAD_JSON');
      expectError(await api.call('POST', `${v3}/publicRooms`, {}), 401, 'M_MISSING_TOKEN');
    });
  });
});
