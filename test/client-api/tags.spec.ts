import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Room Tagging"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const tags = (userId: string, roomId: string) =>
    `/_matrix/client/v3/user/${encodeURIComponent(userId)}/rooms/${encodeURIComponent(roomId)}/tags`;
  const setTag = (u: TestUser, roomId: string, tag: string, body: unknown, userId = u.userId) =>
    c.api.call('PUT', `${tags(userId, roomId)}/${encodeURIComponent(tag)}`, body, u.token);
  const deleteTag = (u: TestUser, roomId: string, tag: string) =>
    c.api.call('DELETE', `${tags(u.userId, roomId)}/${encodeURIComponent(tag)}`, undefined, u.token);
  const listTags = (u: TestUser, roomId: string, userId = u.userId) =>
    c.api.call('GET', tags(userId, roomId), undefined, u.token);

  it('tags round-trip and reach /sync as the room m.tag account data', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    expect(await listTags(alice, roomId)).toEqual({ status: 200, body: { tags: {} } });
    expect(await setTag(alice, roomId, 'm.favourite', { order: 0.25 })).toEqual({ status: 200, body: {} });
    expect(await setTag(alice, roomId, 'u.Work', {})).toEqual({ status: 200, body: {} });
    expect((await listTags(alice, roomId)).body).toEqual({
      tags: { 'm.favourite': { order: 0.25 }, 'u.Work': {} },
    });

    const initial = await c.sync(alice);
    expect(initial.rooms.join[roomId].account_data.events).toContainEqual({
      type: 'm.tag',
      content: { tags: { 'm.favourite': { order: 0.25 }, 'u.Work': {} } },
    });

    expect(await deleteTag(alice, roomId, 'm.favourite')).toEqual({ status: 200, body: {} });
    expect(await deleteTag(alice, roomId, 'never.set')).toEqual({ status: 200, body: {} });
    const next = await c.sync(alice, { since: initial.next_batch, timeout: 5000 });
    expect(next.rooms.join[roomId].account_data.events).toEqual([
      { type: 'm.tag', content: { tags: { 'u.Work': {} } } },
    ]);
  });

  it('refuses other users, bad orders and bad room IDs', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    const error = async (res: Promise<{ status: number; body: Json }>) => {
      const { status, body } = await res;
      return [status, body.errcode];
    };
    expect(await error(setTag(bob, roomId, 'u.x', {}, alice.userId))).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(listTags(bob, roomId, alice.userId))).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(setTag(alice, roomId, 'u.x', { order: 'first' }))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(setTag(alice, 'not-a-room', 'u.x', {}))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(setTag(alice, roomId, 'u.x', '"string"'))).toEqual([400, 'M_BAD_JSON']);
  });
});
