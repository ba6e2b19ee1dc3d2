import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient, TestUser } from './sync-client';

describe('client-server-api "Pagination": GET /rooms/{roomId}/messages', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  let alice: TestUser;
  let roomId: string;
  const sent: string[] = [];

  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
    alice = await c.user('alice');
    roomId = await c.createRoom(alice);
    for (let i = 0; i < 1000; i++) sent.push((await c.say(roomId, alice, `message ${i}`)).eventId);
  }, 120_000);
  afterAll(async () => {
    await hs?.stop();
  });

  it('pages back from a limited sync timeline through 1,000 messages without gaps or duplicates', async () => {
    const room = (await c.sync(alice)).rooms.join[roomId];
    expect(room.timeline.limited).toBe(true);
    expect(ids(room.timeline.events)).toEqual(sent.slice(-10));

    const seen: string[] = [...ids(room.timeline.events)].reverse();
    let from: string | undefined = room.timeline.prev_batch;
    let pages = 0;
    while (from !== undefined) {
      const page = await c.messages(alice, roomId, { from, dir: 'b', limit: 97 });
      expect(page.status).toBe(200);
      expect(page.body.start).toBe(from);
      seen.push(...ids(page.body.chunk));
      from = page.body.end;
      expect(++pages).toBeLessThan(30);
    }
    const messages = seen.filter((id) => sent.includes(id));
    expect(messages).toEqual([...sent].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    // The room's initial state events come last, the create event at the very end.
    expect(seen.length).toBe(1000 + 5);
  });

  it('pages forwards from a prev_batch in chronological order, and `to` stops the page', async () => {
    const first = await c.messages(alice, roomId, { dir: 'f', limit: 8 });
    expect(first.body.chunk[0].type).toBe('m.room.create');
    expect(first.body.chunk.every((e: Json) => e.room_id === roomId)).toBe(true);
    const next = await c.messages(alice, roomId, { dir: 'f', from: first.body.end, limit: 5 });
    expect(ids(next.body.chunk)).toEqual(sent.slice(3, 8));

    const back = await c.messages(alice, roomId, { dir: 'b', limit: 10 });
    expect(ids(back.body.chunk)).toEqual(sent.slice(-10).reverse());
    const bounded = await c.messages(alice, roomId, {
      dir: 'b',
      from: back.body.end,
      to: next.body.end,
      limit: 1000,
    });
    expect(ids(bounded.body.chunk)).toEqual(sent.slice(8, -10).reverse());
    // A page with events carries `end` (as Synapse's); the page after it is empty and has none.
    const past = await c.messages(alice, roomId, { dir: 'b', from: bounded.body.end, to: next.body.end });
    expect([past.body.chunk, past.body.end]).toEqual([[], undefined]);
  });

  it('accepts a sync next_batch as `from` and reads forward from it', async () => {
    const { next_batch } = await c.sync(alice, {
      filter: JSON.stringify({ room: { timeline: { limit: 1 } } }),
    });
    const late = await c.say(roomId, alice, 'late');
    const page = await c.messages(alice, roomId, { dir: 'f', from: next_batch });
    expect(ids(page.body.chunk)).toEqual([late.eventId]);
    sent.push(late.eventId);
  });

  it("applies a RoomEventFilter, and lazy-loads the senders' member events into `state`", async () => {
    const bob = await c.user('bob');
    await c.join(roomId, bob);
    const bobSaid = await c.say(roomId, bob, 'from bob');
    const filter = JSON.stringify({ senders: [bob.userId], lazy_load_members: true });
    const page = await c.messages(alice, roomId, { dir: 'b', limit: 5, filter });
    expect(ids(page.body.chunk)).toContain(bobSaid.eventId);
    expect(page.body.chunk.every((e: Json) => e.sender === bob.userId)).toBe(true);
    expect(page.body.state.map((e: Json) => e.state_key)).toEqual([bob.userId]);
  });

  it('answers spec errors for bad parameters and for non-members', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'M_MISSING_PARAM'],
      [{ dir: 'x' }, 'M_INVALID_PARAM'],
      [{ dir: 'b', limit: '-1' }, 'M_INVALID_PARAM'],
      [{ dir: 'b', limit: 'ten' }, 'M_INVALID_PARAM'],
      [{ dir: 'b', from: 'garbage' }, 'M_INVALID_PARAM'],
      [{ dir: 'b', filter: '{not json' }, 'M_NOT_JSON'],
    ];
    for (const [query, errcode] of cases) {
      const res = await c.messages(alice, roomId, query);
      expect({ query, status: res.status, errcode: res.body.errcode }).toEqual({
        query,
        status: 400,
        errcode,
      });
    }
    const eve = await c.user('eve');
    const res = await c.messages(eve, roomId, { dir: 'b' });
    expect(res.status).toBe(403);
    expect(res.body.errcode).toBe('M_FORBIDDEN');
  });
});

describe('client-server-api "Getting events for a room": /context and /timestamp_to_event', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('/context returns the events around an event, the state after the last one, and tokens to page on', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const sent: string[] = [];
    for (let i = 0; i < 9; i++) sent.push((await c.say(roomId, alice, `m${i}`)).eventId);
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/context/${encodeURIComponent(sent[4])}`;
    const res = await c.get(alice, path, { limit: 4 });
    expect(res.status).toBe(200);
    expect(res.body.event.event_id).toBe(sent[4]);
    expect(ids(res.body.events_before)).toEqual([sent[3], sent[2]]);
    expect(ids(res.body.events_after)).toEqual([sent[5], sent[6]]);
    expect(res.body.state.map((e: Json) => e.type)).toContain('m.room.create');

    const back = await c.messages(alice, roomId, { dir: 'b', from: res.body.start, limit: 2 });
    expect(ids(back.body.chunk)).toEqual([sent[1], sent[0]]);
    const forward = await c.messages(alice, roomId, { dir: 'f', from: res.body.end, limit: 2 });
    expect(ids(forward.body.chunk)).toEqual([sent[7], sent[8]]);

    const missing = await c.get(
      alice,
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/context/%24nope`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.errcode).toBe('M_NOT_FOUND');
  });

  it('/context hides events from before a user joined a `joined` room', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice, { historyVisibility: 'joined' });
    const secret = await c.say(roomId, alice, 'before bob');
    await c.join(roomId, bob);
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/context/${encodeURIComponent(secret.eventId)}`;
    expect((await c.get(bob, path)).status).toBe(404);
    const page = await c.messages(bob, roomId, { dir: 'b', limit: 50 });
    expect(ids(page.body.chunk)).not.toContain(secret.eventId);
    const past = await c.messages(bob, roomId, { dir: 'b', from: page.body.end, limit: 50 });
    expect([past.body.chunk, past.body.end]).toEqual([[], undefined]);
  });

  it('/timestamp_to_event finds the closest event in either direction', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const first = await c.say(roomId, alice, 'one');
    await new Promise((r) => setTimeout(r, 20));
    const middle = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    const second = await c.say(roomId, alice, 'two');
    const path = `/_matrix/client/v1/rooms/${encodeURIComponent(roomId)}/timestamp_to_event`;

    const back = await c.get(alice, path, { ts: middle, dir: 'b' });
    expect(back.status).toBe(200);
    expect(back.body.event_id).toBe(first.eventId);
    expect(typeof back.body.origin_server_ts).toBe('number');
    expect((await c.get(alice, path, { ts: middle, dir: 'f' })).body.event_id).toBe(second.eventId);

    const none = await c.get(alice, path, { ts: Date.now() + 60_000, dir: 'f' });
    expect([none.status, none.body.errcode]).toEqual([404, 'M_NOT_FOUND']);
    expect((await c.get(alice, path, { dir: 'f' })).body.errcode).toBe('M_MISSING_PARAM');
    expect((await c.get(alice, path, { ts: 'soon', dir: 'f' })).body.errcode).toBe('M_INVALID_PARAM');
  });
});
