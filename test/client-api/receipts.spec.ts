import { timelineEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Receipts", "Read and unread markers" and unread notification counts', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const room = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;
  const receipt = (u: TestUser, roomId: string, type: string, eventId: string, body: unknown = {}) =>
    c.api.call('POST', `${room(roomId)}/receipt/${type}/${encodeURIComponent(eventId)}`, body, u.token);
  const markers = (u: TestUser, roomId: string, body: unknown) =>
    c.api.call('POST', `${room(roomId)}/read_markers`, body, u.token);
  const receiptsIn = (body: Json, roomId: string) =>
    (body.rooms?.join?.[roomId]?.ephemeral?.events ?? []).filter((e: Json) => e.type === 'm.receipt');

  const twoUsersInARoom = async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    return { alice, bob, roomId };
  };

  it('a read receipt reaches the other member in /sync, batched per room, with its thread', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const hello = await c.say(roomId, alice, 'hello');
    const before = await c.sync(alice);

    expect(await receipt(bob, roomId, 'm.read', hello.eventId)).toEqual({ status: 200, body: {} });
    const next = await c.sync(alice, { since: before.next_batch, timeout: 5000 });
    const [event] = receiptsIn(next, roomId);
    expect(event.content).toEqual({
      [hello.eventId]: { 'm.read': { [bob.userId]: { ts: expect.any(Number) } } },
    });

    expect((await receipt(bob, roomId, 'm.read', hello.eventId, { thread_id: 'main' })).status).toBe(200);
    const initial = await c.sync(alice);
    expect(receiptsIn(initial, roomId)).toHaveLength(1);
    expect(receiptsIn(initial, roomId)[0].content[hello.eventId]['m.read'][bob.userId]).toEqual({
      ts: expect.any(Number),
      thread_id: 'main',
    });
  });

  it('m.read.private is seen by its sender only, and clears their unread count', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const hello = await c.say(roomId, alice, 'hello');
    const bobBefore = await c.sync(bob);
    expect(bobBefore.rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 1,
      highlight_count: 0,
    });
    const aliceBefore = await c.sync(alice);

    expect((await receipt(bob, roomId, 'm.read.private', hello.eventId)).status).toBe(200);
    const bobNext = await c.sync(bob, { since: bobBefore.next_batch, timeout: 5000 });
    expect(Object.keys(receiptsIn(bobNext, roomId)[0].content[hello.eventId]['m.read.private'])).toEqual([
      bob.userId,
    ]);
    expect(bobNext.rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 0,
      highlight_count: 0,
    });
    const aliceNext = await c.sync(alice, { since: aliceBefore.next_batch, timeout: 300 });
    expect(receiptsIn(aliceNext, roomId)).toEqual([]);
  });

  it('counts notifying and highlighting messages after the read receipt', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const first = await c.say(roomId, alice, 'one');
    const before = await c.sync(bob);
    await c.say(roomId, alice, 'two');
    await hs.app.get(SendPerform).send(
      roomId,
      alice.userId,
      timelineEvent('m.room.message', {
        msgtype: 'm.text',
        body: 'hey bob',
        'm.mentions': { user_ids: [bob.userId] },
      }),
    );
    const next = await c.sync(bob, { since: before.next_batch, timeout: 5000 });
    expect(next.rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 3,
      highlight_count: 1,
    });

    await receipt(bob, roomId, 'm.read', first.eventId);
    const read = await c.sync(bob, { since: next.next_batch, timeout: 5000 });
    expect(read.rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 2,
      highlight_count: 1,
    });

    // Sending a message reads everything before it.
    await c.say(roomId, bob, 'reply');
    const replied = await c.sync(bob, { since: read.next_batch, timeout: 5000 });
    expect(replied.rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 0,
      highlight_count: 0,
    });
  });

  it('an older receipt does not move the marker back', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const one = await c.say(roomId, alice, 'one');
    const two = await c.say(roomId, alice, 'two');
    await receipt(bob, roomId, 'm.read', two.eventId);
    await receipt(bob, roomId, 'm.read', one.eventId);
    const [event] = receiptsIn(await c.sync(alice), roomId);
    expect(Object.keys(event.content)).toEqual([two.eventId]);
  });

  it('read_markers sets m.fully_read room account data and the receipts given with it', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const hello = await c.say(roomId, alice, 'hello');
    expect(
      await markers(bob, roomId, {
        'm.fully_read': hello.eventId,
        'm.read': hello.eventId,
        'm.read.private': hello.eventId,
      }),
    ).toEqual({ status: 200, body: {} });
    const body = await c.sync(bob);
    expect(body.rooms.join[roomId].account_data.events).toContainEqual({
      type: 'm.fully_read',
      content: { event_id: hello.eventId },
    });
    expect(Object.keys(receiptsIn(body, roomId)[0].content[hello.eventId]).sort()).toEqual([
      'm.read',
      'm.read.private',
    ]);
    const stored = await c.get(
      bob,
      `/_matrix/client/v3/user/${encodeURIComponent(bob.userId)}/rooms/${encodeURIComponent(roomId)}/account_data/m.fully_read`,
    );
    expect(stored).toEqual({ status: 200, body: { event_id: hello.eventId } });

    const viaReceipt = await c.say(roomId, alice, 'again');
    expect((await receipt(bob, roomId, 'm.fully_read', viaReceipt.eventId)).status).toBe(200);
    const after = await c.get(
      bob,
      `/_matrix/client/v3/user/${encodeURIComponent(bob.userId)}/rooms/${encodeURIComponent(roomId)}/account_data/m.fully_read`,
    );
    expect(after.body).toEqual({ event_id: viaReceipt.eventId });
  });

  it('refuses bad receipts with the spec error codes', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const carol = await c.user('carol');
    const hello = await c.say(roomId, alice, 'hello');
    const otherRoom = await c.createRoom(alice);
    const elsewhere = await c.say(otherRoom, alice, 'elsewhere');
    const error = async (res: Promise<{ status: number; body: Json }>) => {
      const { status, body } = await res;
      return [status, body.errcode];
    };
    expect(await error(receipt(bob, roomId, 'm.bogus', hello.eventId))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(receipt(bob, roomId, 'm.read', hello.eventId, { thread_id: '' }))).toEqual([
      400,
      'M_INVALID_PARAM',
    ]);
    expect(await error(receipt(bob, roomId, 'm.read', hello.eventId, { thread_id: 1 }))).toEqual([
      400,
      'M_BAD_JSON',
    ]);
    expect(await error(receipt(bob, roomId, 'm.fully_read', hello.eventId, { thread_id: 'main' }))).toEqual([
      400,
      'M_INVALID_PARAM',
    ]);
    expect(await error(receipt(bob, roomId, 'm.read', elsewhere.eventId))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(receipt(bob, roomId, 'm.read', '$unknown'))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(receipt(bob, '!nowhere:test.local', 'm.read', hello.eventId))).toEqual([
      404,
      'M_NOT_FOUND',
    ]);
    expect(await error(receipt(carol, roomId, 'm.read', hello.eventId))).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(receipt(bob, roomId, 'm.read', hello.eventId, '[]'))).toEqual([400, 'M_BAD_JSON']);
    expect(await error(markers(bob, roomId, { 'm.fully_read': 5 }))).toEqual([400, 'M_BAD_JSON']);
    expect(await error(markers(carol, roomId, { 'm.fully_read': hello.eventId }))).toEqual([
      403,
      'M_FORBIDDEN',
    ]);
    expect(await error(markers(bob, roomId, '{oops'))).toEqual([400, 'M_NOT_JSON']);
  });
});
