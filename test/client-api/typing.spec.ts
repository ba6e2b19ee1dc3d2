import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Typing Notifications"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const typing = (u: TestUser, roomId: string, userId: string, body: unknown) =>
    c.api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/typing/${encodeURIComponent(userId)}`,
      body,
      u.token,
    );
  const typingIn = (body: Json, roomId: string) =>
    (body.rooms?.join?.[roomId]?.ephemeral?.events ?? []).filter((e: Json) => e.type === 'm.typing');

  it('the other member sees who types in /sync, and an empty list once they stop', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const before = await c.sync(bob);
    expect(typingIn(before, roomId)).toEqual([]);

    expect(await typing(alice, roomId, alice.userId, { typing: true, timeout: 30000 })).toEqual({
      status: 200,
      body: {},
    });
    const started = await c.sync(bob, { since: before.next_batch, timeout: 5000 });
    expect(typingIn(started, roomId)).toEqual([{ type: 'm.typing', content: { user_ids: [alice.userId] } }]);
    expect(typingIn(await c.sync(bob), roomId)).toEqual([
      { type: 'm.typing', content: { user_ids: [alice.userId] } },
    ]);

    expect((await typing(alice, roomId, alice.userId, { typing: false })).status).toBe(200);
    const stopped = await c.sync(bob, { since: started.next_batch, timeout: 5000 });
    expect(typingIn(stopped, roomId)).toEqual([{ type: 'm.typing', content: { user_ids: [] } }]);
  });

  it('typing ends by itself when the timeout passes', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const before = await c.sync(alice);
    await typing(alice, roomId, alice.userId, { typing: true, timeout: 200 });
    const started = await c.sync(alice, { since: before.next_batch, timeout: 5000 });
    expect(typingIn(started, roomId)[0].content.user_ids).toEqual([alice.userId]);
    const ended = await c.sync(alice, { since: started.next_batch, timeout: 5000 });
    expect(typingIn(ended, roomId)).toEqual([{ type: 'm.typing', content: { user_ids: [] } }]);
  });

  it('refuses typing for someone else, outside the room, in an unknown room, and malformed bodies', async () => {
    const alice = await c.user('alice');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice);
    const error = async (u: TestUser, room: string, userId: string, body: unknown) => {
      const res = await typing(u, room, userId, body);
      return [res.status, res.body.errcode];
    };
    expect(await error(carol, roomId, alice.userId, { typing: true })).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(carol, roomId, carol.userId, { typing: true })).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(alice, '!nowhere:test.local', alice.userId, { typing: true })).toEqual([
      404,
      'M_NOT_FOUND',
    ]);
    expect(await error(alice, roomId, alice.userId, {})).toEqual([400, 'M_MISSING_PARAM']);
    expect(await error(alice, roomId, alice.userId, { typing: 'yes' })).toEqual([400, 'M_BAD_JSON']);
    expect(await error(alice, roomId, alice.userId, { typing: true, timeout: 1.5 })).toEqual([
      400,
      'M_BAD_JSON',
    ]);
    expect(await error(alice, roomId, alice.userId, '[1]')).toEqual([400, 'M_BAD_JSON']);
    expect(await error(alice, roomId, alice.userId, '{not json')).toEqual([400, 'M_NOT_JSON']);
  });
});
