import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Syncing" with rooms made over HTTP', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const sync = async (u: TestUser, query: Record<string, string> = {}) => {
    const res = await u.call('GET', `${v3}/sync?${new URLSearchParams(query)}`);
    if (res.status !== 200) throw new Error(`sync: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const send = async (u: TestUser, roomId: string, txnId: string, body: string) => {
    const res = await u.call('PUT', `${room(roomId)}/send/m.room.message/${txnId}`, {
      msgtype: 'm.text',
      body,
    });
    if (res.status !== 200) throw new Error(`send: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.event_id as string;
  };

  it('createRoom, invite, join, send and leave show up in the right sections, with transaction_id for the sender only', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice, { preset: 'private_chat', name: 'Over HTTP' });
    const aliceFirst = await sync(alice);
    expect(aliceFirst.rooms.join[roomId].timeline.events.map((e: Json) => e.type)).toContain('m.room.name');
    const bobFirst = await sync(bob);

    expect((await alice.call('POST', `${room(roomId)}/invite`, { user_id: bob.id })).status).toBe(200);
    const invited = await sync(bob, { since: bobFirst.next_batch });
    const inviteState = invited.rooms.invite[roomId].invite_state.events as Json[];
    expect(inviteState.find((e) => e.type === 'm.room.name')?.content.name).toBe('Over HTTP');

    expect((await bob.call('POST', `${room(roomId)}/join`, {})).status).toBe(200);
    const eventId = await send(alice, roomId, 'txn-1', 'hello bob');
    const aliceNext = await sync(alice, { since: aliceFirst.next_batch });
    const bobNext = await sync(bob, { since: invited.next_batch });
    const mine = (aliceNext.rooms.join[roomId].timeline.events as Json[]).find((e) => e.event_id === eventId);
    const theirs = (bobNext.rooms.join[roomId].timeline.events as Json[]).find((e) => e.event_id === eventId);
    expect(mine.unsigned.transaction_id).toBe('txn-1');
    expect(theirs.unsigned?.transaction_id).toBeUndefined();
    expect(bobNext.rooms.join[roomId].summary['m.joined_member_count']).toBe(2);

    expect((await bob.call('POST', `${room(roomId)}/leave`, {})).status).toBe(200);
    const bobLeft = await sync(bob, { since: bobNext.next_batch });
    const leftTimeline = bobLeft.rooms.leave[roomId].timeline.events as Json[];
    expect(leftTimeline[leftTimeline.length - 1]).toMatchObject({ type: 'm.room.member', state_key: bob.id });
  });

  it('a long-poll wakes for a message sent over HTTP by another user', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice, { preset: 'public_chat' });
    expect((await bob.call('POST', `${room(roomId)}/join`, {})).status).toBe(200);
    const { next_batch } = await sync(bob);
    const waiting = sync(bob, { since: next_batch, timeout: '20000' });
    await new Promise((r) => setTimeout(r, 200));
    const eventId = await send(alice, roomId, 't', 'ping');
    const sentAt = Date.now();
    const body = await waiting;
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    expect(body.rooms.join[roomId].timeline.events.map((e: Json) => e.event_id)).toEqual([eventId]);
  });
});
