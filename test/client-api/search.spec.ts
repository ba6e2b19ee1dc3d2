import { JsonObject, stateEvent, timelineEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Server Side Search": POST /search, room_events', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  let otherRoom: string;
  const sent: Record<string, string> = {};

  const send = async (room: string, sender: TestUser, content: JsonObject, type = 'm.room.message') =>
    (await hs.app.get(SendPerform).send(room, sender.userId, timelineEvent(type, content))).eventId;
  const search = async (u: TestUser, roomEvents: JsonObject, nextBatch?: string) => {
    const res = await fetch(
      `${hs.baseUrl}/_matrix/client/v3/search${nextBatch ? `?next_batch=${nextBatch}` : ''}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ search_categories: { room_events: roomEvents } }),
      },
    );
    return { status: res.status, body: (await res.json()) as Json };
  };
  const resultIds = (body: Json): string[] =>
    body.search_categories.room_events.results.map((r: Json) => r.result.event_id);

  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
    alice = await c.user('alice');
    bob = await c.user('bob');
    roomId = await c.createRoom(alice);
    otherRoom = await c.createRoom(bob);
    await c.join(roomId, bob);
    sent.cake = await send(roomId, alice, { msgtype: 'm.text', body: 'I really like chocolate cakes' });
    sent.cakeBob = await send(roomId, bob, { msgtype: 'm.text', body: 'cake cake cake, says bob' });
    sent.other = await send(roomId, alice, { msgtype: 'm.text', body: 'nothing to see here' });
    sent.hidden = await send(otherRoom, bob, { msgtype: 'm.text', body: 'a cake in a room alice is not in' });
    sent.redacted = await send(roomId, alice, { msgtype: 'm.text', body: 'a cake to forget' });
    await send(roomId, alice, { redacts: sent.redacted }, 'm.room.redaction');
    sent.topic = (
      await hs.app
        .get(SendPerform)
        .send(roomId, alice.userId, stateEvent('m.room.topic', '', { topic: 'All about cake' }))
    ).eventId;
  }, 60_000);
  afterAll(async () => {
    await hs?.stop();
  });

  it('finds messages by word and prefix in rooms the user is in, never redacted ones, with highlights and a count', async () => {
    const res = await search(alice, { search_term: 'cake', keys: ['content.body'] });
    expect(res.status).toBe(200);
    expect(new Set(resultIds(res.body))).toEqual(new Set([sent.cake, sent.cakeBob]));
    expect(res.body.search_categories.room_events.count).toBe(2);
    expect(res.body.search_categories.room_events.highlights).toEqual(['cake']);
    // Rank: the message that says it three times comes first.
    expect(resultIds(res.body)[0]).toBe(sent.cakeBob);
    const prefix = await search(alice, { search_term: 'choc', keys: ['content.body'] });
    expect(resultIds(prefix.body)).toEqual([sent.cake]);
  });

  it('searches every key by default: names and topics too', async () => {
    const res = await search(alice, { search_term: 'cake' });
    expect(resultIds(res.body)).toContain(sent.topic);
  });

  it('orders by recent and pages with next_batch', async () => {
    const first = await search(alice, {
      search_term: 'cake',
      keys: ['content.body'],
      order_by: 'recent',
      filter: { limit: 1 },
    });
    expect(resultIds(first.body)).toEqual([sent.cakeBob]);
    const next = first.body.search_categories.room_events.next_batch;
    const second = await search(
      alice,
      { search_term: 'cake', keys: ['content.body'], order_by: 'recent', filter: { limit: 1 } },
      next,
    );
    expect(resultIds(second.body)).toEqual([sent.cake]);
  });

  it('applies the filter (senders), groups by room and sender, and returns event_context with profiles and state', async () => {
    const res = await search(alice, {
      search_term: 'cake',
      keys: ['content.body'],
      filter: { senders: [alice.userId] },
      groupings: { group_by: [{ key: 'room_id' }, { key: 'sender' }] },
      event_context: { before_limit: 1, after_limit: 1, include_profile: true },
      include_state: true,
    });
    const roomEvents = res.body.search_categories.room_events;
    expect(resultIds(res.body)).toEqual([sent.cake]);
    expect(roomEvents.groups.room_id[roomId].results).toEqual([sent.cake]);
    expect(roomEvents.groups.sender[alice.userId].results).toEqual([sent.cake]);
    const context = roomEvents.results[0].context;
    expect(context.events_after.map((e: Json) => e.event_id)).toEqual([sent.cakeBob]);
    expect(context.events_before).toHaveLength(1);
    expect(Object.keys(context.profile_info)).toEqual(expect.arrayContaining([alice.userId, bob.userId]));
    expect(roomEvents.state[roomId].some((e: Json) => e.type === 'm.room.create')).toBe(true);
  });

  it('answers 400 for a request without search_term or with an unknown key', async () => {
    expect((await search(alice, {})).status).toBe(400);
    const bad = await search(alice, { search_term: 'x', keys: ['content.nope'] });
    expect([bad.status, bad.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });
});
