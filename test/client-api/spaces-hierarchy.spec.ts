import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser } from './rooms-client';

describe('client-server-api "Spaces" and "Room Summaries"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const server = () => hs.config.server_name;
  const hierarchy = (u: TestUser, roomId: string, query = '') =>
    u.call('GET', `/_matrix/client/v1/rooms/${encodeURIComponent(roomId)}/hierarchy${query}`);
  const addChild = (u: TestUser, spaceId: string, childId: string, content: Record<string, unknown> = {}) =>
    u.call('PUT', `${room(spaceId)}/state/m.space.child/${encodeURIComponent(childId)}`, {
      via: [server()],
      ...content,
    });
  const space = (u: TestUser, name: string) =>
    c.createRoom(u, { preset: 'public_chat', name, creation_content: { type: 'm.space' } });
  const ids = (body: Record<string, unknown>) => (body.rooms as { room_id: string }[]).map((r) => r.room_id);

  it('walks the space depth first, in the children order, and leaves out rooms the user may not see', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const root = await space(alice, 'Root');
    const sub = await space(alice, 'Sub');
    const a = await c.createRoom(alice, { preset: 'public_chat', name: 'A' });
    const b = await c.createRoom(alice, { preset: 'public_chat', name: 'B' });
    const secret = await c.createRoom(alice, { preset: 'private_chat', name: 'Secret' });
    expect((await addChild(alice, root, b, { order: 'b' })).status).toBe(200);
    expect((await addChild(alice, root, sub, { order: 'a' })).status).toBe(200);
    expect((await addChild(alice, sub, a)).status).toBe(200);
    expect((await addChild(alice, root, secret, { order: 'c' })).status).toBe(200);
    // A loop back to the root is walked once.
    expect((await addChild(alice, sub, root)).status).toBe(200);

    const forAlice = await hierarchy(alice, root);
    expect(forAlice.status).toBe(200);
    expect(ids(forAlice.body)).toEqual([root, sub, a, b, secret]);
    const first = (forAlice.body.rooms as Record<string, unknown>[])[0];
    expect(first).toMatchObject({
      room_id: root,
      name: 'Root',
      room_type: 'm.space',
      join_rule: 'public',
      num_joined_members: 1,
      world_readable: false,
      guest_can_join: false,
    });
    expect((first.children_state as { state_key: string }[]).map((s) => s.state_key)).toEqual([
      sub,
      b,
      secret,
    ]);
    expect((first.children_state as Record<string, unknown>[])[0]).toEqual({
      type: 'm.space.child',
      state_key: sub,
      content: { via: [server()], order: 'a' },
      sender: alice.id,
      origin_server_ts: expect.any(Number),
    });
    const roomA = (forAlice.body.rooms as Record<string, unknown>[]).find((r) => r.room_id === a);
    expect(roomA?.children_state).toEqual([]);

    expect(ids((await hierarchy(bob, root)).body)).toEqual([root, sub, a, b]);
    expect(ids((await hierarchy(alice, root, '?max_depth=1')).body)).toEqual([root, sub, b, secret]);
    expect(ids((await hierarchy(alice, root, '?max_depth=0')).body)).toEqual([root]);
  });

  it('pages with next_batch and refuses changed parameters and unknown tokens', async () => {
    const alice = await c.user('alice');
    const root = await space(alice, 'Paged');
    const children: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const child = await c.createRoom(alice, { preset: 'public_chat' });
      await addChild(alice, root, child, { order: `${i}` });
      children.push(child);
    }
    const page1 = await hierarchy(alice, root, '?limit=2');
    expect(ids(page1.body)).toEqual([root, children[0]]);
    const token = page1.body.next_batch as string;
    expect(typeof token).toBe('string');
    const page2 = await hierarchy(alice, root, `?limit=2&from=${encodeURIComponent(token)}`);
    expect(ids(page2.body)).toEqual([children[1], children[2]]);
    expect(page2.body.next_batch).toBeUndefined();

    expectError(
      await hierarchy(alice, root, `?suggested_only=true&from=${encodeURIComponent(token)}`),
      400,
      'M_INVALID_PARAM',
    );
    expectError(await hierarchy(alice, root, '?from=nonsense'), 400, 'M_INVALID_PARAM');
    expectError(await hierarchy(alice, root, '?limit=0'), 400, 'M_INVALID_PARAM');
    expectError(await hierarchy(alice, root, '?max_depth=-1'), 400, 'M_INVALID_PARAM');
    expectError(await hierarchy(alice, root, '?suggested_only=maybe'), 400, 'M_INVALID_PARAM');
  });

  it('keeps to suggested children with suggested_only', async () => {
    const alice = await c.user('alice');
    const root = await space(alice, 'Suggested');
    const yes = await c.createRoom(alice, { preset: 'public_chat' });
    const no = await c.createRoom(alice, { preset: 'public_chat' });
    await addChild(alice, root, yes, { suggested: true });
    await addChild(alice, root, no);
    expect(ids((await hierarchy(alice, root, '?suggested_only=true')).body)).toEqual([root, yes]);
  });

  it('answers 403 for a space the user cannot see or that does not exist', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const hidden = await c.createRoom(alice, {
      preset: 'private_chat',
      creation_content: { type: 'm.space' },
    });
    expectError(await hierarchy(bob, hidden), 403, 'M_FORBIDDEN');
    expectError(await hierarchy(bob, `!nowhere:${server()}`), 403, 'M_FORBIDDEN');
    expectError(await hierarchy(bob, 'not-a-room'), 400, 'M_INVALID_PARAM');
  });

  it('summarises a room by ID or alias, with the membership of the requester', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice, {
      preset: 'public_chat',
      name: 'Cheese',
      topic: 'Tasty',
      room_alias_name: `cheese${Date.now()}`,
    });
    const alias = `#cheese${roomId.length}`;
    const summary = (u: TestUser | undefined, idOrAlias: string) =>
      u
        ? u.call('GET', `/_matrix/client/v1/room_summary/${encodeURIComponent(idOrAlias)}`)
        : c.call('GET', `/_matrix/client/v1/room_summary/${encodeURIComponent(idOrAlias)}`);
    const mine = await summary(alice, roomId);
    expect(mine).toEqual({
      status: 200,
      body: expect.objectContaining({
        room_id: roomId,
        name: 'Cheese',
        topic: 'Tasty',
        join_rule: 'public',
        num_joined_members: 1,
        membership: 'join',
        room_version: expect.any(String),
        canonical_alias: expect.stringMatching(/^#cheese/),
      }),
    });
    expect(mine.body.children_state).toBeUndefined();
    expect((await summary(bob, mine.body.canonical_alias as string)).body).toMatchObject({
      room_id: roomId,
      membership: 'leave',
    });
    const anonymous = await summary(undefined, roomId);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.membership).toBeUndefined();

    const secret = await c.createRoom(alice, { preset: 'private_chat' });
    expectError(await summary(bob, secret), 404, 'M_NOT_FOUND');
    expectError(await summary(undefined, secret), 404, 'M_NOT_FOUND');
    expect((await summary(alice, secret)).status).toBe(200);
    expectError(await summary(bob, `!nowhere:${server()}`), 404, 'M_NOT_FOUND');
    expectError(await summary(bob, `${alias}:${server()}`), 404, 'M_NOT_FOUND');
    expectError(await summary(bob, 'neither'), 400, 'M_INVALID_PARAM');
  });
});
