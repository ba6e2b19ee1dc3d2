import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient } from './sync-client';

describe('/sync timelines: limits, newly joined rooms, formats and tokens', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('a filtered timeline holding every matching event is not limited', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const message = (await c.say(roomId, alice, 'the one')).eventId;
    for (let i = 0; i < 12; i++) await c.sendState(roomId, alice, 'a.filler', `${i}`, {});
    const filter = JSON.stringify({ room: { timeline: { limit: 1, types: ['m.room.message'] } } });
    const timeline = (await c.sync(alice, { filter })).rooms.join[roomId].timeline;
    expect(ids(timeline.events)).toEqual([message]);
    expect(timeline.limited).toBe(false);

    await c.say(roomId, alice, 'another');
    const after = (await c.sync(alice, { filter })).rooms.join[roomId].timeline;
    expect(after.events).toHaveLength(1);
    expect(after.limited).toBe(true);
  });

  it('a room joined since the last sync comes with a limited timeline', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.say(roomId, alice, 'before bob');
    const first = await c.sync(bob);
    await c.join(roomId, bob);
    const room = (await c.sync(bob, { since: first.next_batch })).rooms.join[roomId];
    expect(room.timeline.limited).toBe(true);
    // The whole room fits the timeline: the state before it is empty, the history all there.
    const types = [...room.state.events, ...room.timeline.events].map((e: Json) => e.type);
    expect(types).toContain('m.room.create');
  });

  it('a state event still in current state appears even from a time the user could not see', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice, { historyVisibility: 'joined' });
    await c.join(roomId, bob);
    const first = await c.sync(bob);
    await c.membership(roomId, bob, bob.userId, 'leave');
    const carolJoin = (await c.join(roomId, carol)).eventId;
    await c.join(roomId, bob);
    const timeline = (await c.sync(bob, { since: first.next_batch })).rooms.join[roomId].timeline;
    expect(ids(timeline.events)).toContain(carolJoin);
  });

  it('joining and leaving between two syncs gives the left room with its whole state', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.sendState(roomId, alice, 'a.madeup.test.state', '', { my_key: 1 });
    const filter = JSON.stringify({
      room: { timeline: { types: [] }, state: { types: ['a.madeup.test.state'] }, include_leave: true },
    });
    const first = await c.sync(bob, { filter });
    await c.join(roomId, bob);
    await c.membership(roomId, bob, bob.userId, 'leave');
    const left = (await c.sync(bob, { filter, since: first.next_batch })).rooms.leave[roomId];
    expect(left.state.events.map((e: Json) => e.type)).toEqual(['a.madeup.test.state']);
  });

  it('an event the filter hides leaves the room out of an incremental sync, unread counts too', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const filter = JSON.stringify({ room: { timeline: { types: [] }, state: { types: ['x.none'] } } });
    const first = await c.sync(alice, { filter });
    await c.say(roomId, alice, 'hidden');
    const next = await c.sync(alice, { filter, since: first.next_batch });
    expect(next.rooms?.join?.[roomId]).toBeUndefined();
  });

  it('event_format federation gives PDUs with their event IDs', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const sent = (await c.say(roomId, alice, 'Test message')).eventId;
    const filter = JSON.stringify({ event_format: 'federation', room: { timeline: { limit: 1 } } });
    const room = (await c.sync(alice, { filter })).rooms.join[roomId];
    const [event] = room.timeline.events;
    expect(event).toMatchObject({ event_id: sent, room_id: roomId, content: { body: 'Test message' } });
    for (const key of ['prev_events', 'auth_events', 'depth', 'hashes', 'signatures'])
      expect(event).toHaveProperty(key);
  });

  it("a sync's next_batch is a /messages `from`, and forwards pagination gives an `end`", async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    await c.say(roomId, alice, '1');
    const { next_batch } = await c.sync(alice);
    const second = (await c.say(roomId, alice, '2')).eventId;
    const page = await c.messages(alice, roomId, { from: next_batch, dir: 'f' });
    expect(page.status).toBe(200);
    expect(ids(page.body.chunk)).toEqual([second]);
    expect(typeof page.body.end).toBe('string');
    const more = await c.messages(alice, roomId, { from: page.body.end, dir: 'f' });
    expect(more.body.chunk).toEqual([]);
  });
});
