import { stateEvent, stateKey, timelineEvent } from '@switchboard/protocol';
import { CreateRoomPerform, RoomStateQuery, SendPerform, Sent } from '@switchboard/rooms';
import {
  DatabaseKind,
  EventGraphRepository,
  EventsRepository,
  MembershipsRepository,
  Transactions,
} from '@switchboard/storage';
import { testDatabaseKinds } from '@switchboard/storage/testing';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { ids, syncClient } from '../client-api/sync-client';

const message = (body: string) => timelineEvent('m.room.message', { msgtype: 'm.text', body });

describe.each(testDatabaseKinds())('room server: batched sends (group commit) [%s]', (kind: DatabaseKind) => {
  let hs: TestHomeserver;
  const alice = '@alice:test.local';
  const bob = '@bob:test.local';

  beforeAll(async () => {
    hs = await startTestHomeserver(kind === 'pglite' ? { database: { url: null } } : {});
    // The embedded database's first start (WASM, migrations) is slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await hs?.stop();
  });

  const send = () => hs.app.get(SendPerform);
  const reader = () => hs.app.get(Transactions).reader;
  const createRoom = async () =>
    (
      await hs.app.get(CreateRoomPerform).create({
        creator: alice,
        roomVersion: '11',
        createContent: {},
        initialEvents: [
          stateEvent('m.room.member', alice, { membership: 'join' }),
          stateEvent('m.room.power_levels', '', { users: { [alice]: 100 } }),
          stateEvent('m.room.join_rules', '', { join_rule: 'public' }),
        ],
      })
    ).roomId;
  /** A send that is being written while the caller queues more: those then go into one batch. */
  const startBatchAfterThis = (roomId: string) => send().send(roomId, alice, message('first'));
  const eventsOf = async (roomId: string) =>
    hs.app.get(EventsRepository).timeline(reader(), roomId, {
      after: 0,
      upTo: Number.MAX_SAFE_INTEGER,
      limit: 1_000,
      newestFirst: false,
    });

  it('concurrent sends into one room give one linear DAG with one forward extremity', async () => {
    const roomId = await createRoom();
    const sent = await Promise.all(
      Array.from({ length: 60 }, (_, i) => send().send(roomId, alice, message(`m${i}`))),
    );
    expect(new Set(sent.map((s) => s.eventId)).size).toBe(60);
    expect(new Set(sent.map((s) => s.streamOrdering)).size).toBe(60);

    const rows = await eventsOf(roomId);
    const stored = new Set(rows.map((r) => r.eventId));
    for (const [i, row] of rows.entries()) {
      for (const prev of row.pdu.prev_events) expect(stored.has(prev as string)).toBe(true);
      if (i > 0) {
        expect(row.pdu.prev_events).toEqual([rows[i - 1].eventId]);
        expect(row.depth).toBe(rows[i - 1].depth + 1);
      }
    }
    const newest = sent.reduce((a, b) => (b.streamOrdering > a.streamOrdering ? b : a));
    expect(await hs.app.get(EventGraphRepository).forwardExtremities(reader(), roomId)).toEqual([
      newest.eventId,
    ]);
  });

  it('refuses an event the auth rules refuse alone; the rest of its batch is stored on top of each other', async () => {
    const roomId = await createRoom();
    const first = startBatchAfterThis(roomId);
    const before = send().send(roomId, alice, message('before'));
    const refused = send().send(roomId, bob, message('not a member'));
    const after = send().send(roomId, alice, message('after'));
    await first;
    await expect(refused).rejects.toMatchObject({ errcode: 'M_FORBIDDEN', status: 403 });
    const [b, a] = await Promise.all([before, after]);
    const events = hs.app.get(EventsRepository);
    expect((await events.get(reader(), a.eventId))?.pdu.prev_events).toEqual([b.eventId]);
    expect((await eventsOf(roomId)).map((r) => r.sender)).not.toContain(bob);
    expect(await hs.app.get(EventGraphRepository).forwardExtremities(reader(), roomId)).toEqual([a.eventId]);
  });

  it('answers a transaction ID repeated within one batch, and in a later one, with the first event', async () => {
    const roomId = await createRoom();
    const txn = { userId: alice, deviceId: 'DEV', txnId: 'same' };
    const first = startBatchAfterThis(roomId);
    const one = send().send(roomId, alice, message('once'), txn);
    const two = send().send(roomId, alice, message('once'), txn);
    await first;
    const [a, b] = await Promise.all([one, two]);
    expect(b.eventId).toBe(a.eventId);
    const later = await send().send(roomId, alice, message('once'), txn);
    expect(later.eventId).toBe(a.eventId);
    const stored = (await eventsOf(roomId)).filter((r) => r.pdu.content.body === 'once');
    expect(stored.map((r) => r.eventId)).toEqual([a.eventId]);
  });

  it('authorises each event of a batch against the state the events before it in the batch made', async () => {
    const roomId = await createRoom();
    const first = startBatchAfterThis(roomId);
    const joined = send().send(roomId, bob, stateEvent('m.room.member', bob, { membership: 'join' }));
    const said = send().send(roomId, bob, message('hello after joining'));
    const named = send().send(roomId, alice, stateEvent('m.room.name', '', { name: 'one' }));
    const renamed = send().send(roomId, alice, stateEvent('m.room.name', '', { name: 'two' }));
    await first;
    const [j, , n1, n2] = await Promise.all([joined, said, named, renamed]);
    const state = await hs.app.get(RoomStateQuery).current(roomId);
    expect(state.get(stateKey('m.room.member', bob))?.eventId).toBe(j.eventId);
    expect(state.get(stateKey('m.room.name', ''))?.eventId).toBe(n2.eventId);
    const row = await hs.app.get(EventsRepository).get(reader(), n2.eventId);
    expect(row?.replacesState).toBe(n1.eventId);
    expect((await hs.app.get(MembershipsRepository).get(reader(), roomId, bob))?.membership).toBe('join');
    expect(await hs.app.get(RoomStateQuery).afterEvent(n2.eventId)).toEqual(state);
  });

  it('stores the rest of a batch one by one when the batch hits a database error', async () => {
    const roomId = await createRoom();
    const first = startBatchAfterThis(roomId);
    const good = [send().send(roomId, alice, message('good 1'))];
    // PostgreSQL text cannot hold U+0000: the state key makes the batch's INSERT fail.
    const bad = send().send(roomId, alice, stateEvent('org.example.nul', 'a\u0000b', {}));
    good.push(send().send(roomId, alice, message('good 2')));
    await first;
    await expect(bad).rejects.toBeDefined();
    const stored: Sent[] = await Promise.all(good);
    const rows = await eventsOf(roomId);
    expect(rows.slice(-2).map((r) => r.eventId)).toEqual(stored.map((s) => s.eventId));
    expect(await hs.app.get(EventGraphRepository).forwardExtremities(reader(), roomId)).toEqual([
      stored[1].eventId,
    ]);
  });

  it('delivers every event of concurrent senders to a long-polling /sync exactly once', async () => {
    const c = syncClient(hs);
    const readerUser = await c.user('reader');
    const roomId = await c.createRoom(readerUser);
    const senders = await Promise.all([c.user('s'), c.user('s'), c.user('s')]);
    for (const u of senders) await c.join(roomId, u);
    const filter = JSON.stringify({ room: { timeline: { limit: 100, types: ['m.room.message'] } } });
    let since = (await c.sync(readerUser, { filter })).next_batch as string;

    const sends = Promise.all(
      senders.flatMap((u, n) => Array.from({ length: 15 }, (_, i) => c.say(roomId, u, `${n}/${i}`))),
    );
    const received: string[] = [];
    while (received.length < 45) {
      const body = await c.sync(readerUser, { since, filter, timeout: 5_000 });
      received.push(...ids(body.rooms?.join?.[roomId]?.timeline?.events));
      since = body.next_batch;
    }
    const acknowledged = (await sends).map((s) => s.eventId);
    const last = await c.sync(readerUser, { since, filter });
    received.push(...ids(last.rooms?.join?.[roomId]?.timeline?.events));
    expect(received).toHaveLength(45);
    expect([...received].sort()).toEqual([...acknowledged].sort());
  });
});
