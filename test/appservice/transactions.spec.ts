import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppservicePinger, AppserviceRegistry } from '@switchboard/appservice';
import { AppserviceOutboxRepository, Transactions } from '@switchboard/storage';
import { createScratchDatabase } from '@switchboard/storage/testing';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ReceivedTransaction, TransactionSink } from './fake-transaction-sink';

const AS_ID = 'txn-test';

interface User {
  userId: string;
  token: string;
}

/**
 * application-service-api "Pushing events": a homeserver with one registration pushing to an
 * application service on 127.0.0.1 that can take, refuse (500) or drop transactions. Its user
 * namespace (`@_as_...`) and alias namespace (`#_as_...`) are not exclusive, so a test registers
 * its users as ordinary users.
 */
describe('application-service-api transactions', () => {
  const sink = new TransactionSink();
  let dir: string;
  let registration: string;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let hs: TestHomeserver;
  let alice: User;

  const start = () =>
    startTestHomeserver({
      app_service_config_files: [registration],
      ...(database ? { database: { url: database.url } } : {}),
    });

  beforeAll(async () => {
    const url = await sink.start();
    dir = await mkdtemp(join(tmpdir(), 'switchboard-as-txn-'));
    registration = join(dir, 'registration.yaml');
    await writeFile(
      registration,
      JSON.stringify({
        id: AS_ID,
        url,
        as_token: 'as-token-txn',
        hs_token: 'hs-token-txn',
        sender_localpart: 'txnbot',
        namespaces: {
          users: [{ regex: '@_as_.*', exclusive: false }],
          aliases: [{ regex: '#_as_.*', exclusive: false }],
          rooms: [],
        },
      }),
    );
    // A database that outlives one server process, for the restart below.
    if (process.env.TEST_DATABASE_URL) database = await createScratchDatabase();
    hs = await start();
    alice = await register(hs.baseUrl, 'alice');
  }, 60_000);

  afterAll(async () => {
    await hs?.stop();
    await database?.drop();
    await sink.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes the events of rooms with its alias or one of its users, in order, and nothing else', async () => {
    const ghost = await register(hs.baseUrl, '_as_ghost');
    const privateRoom = await createRoom(hs.baseUrl, alice, {});
    const secret = await say(hs.baseUrl, alice, privateRoom, 'not for the bridge');
    const portal = await createRoom(hs.baseUrl, alice, { room_alias_name: '_as_portal' });
    const viaAlias = await say(hs.baseUrl, alice, portal, 'via the alias');
    const shared = await createRoom(hs.baseUrl, alice, { invite: [ghost.userId] });
    await call(hs.baseUrl, ghost, 'POST', `/join/${encodeURIComponent(shared)}`, {});
    const viaMember = await say(hs.baseUrl, alice, shared, 'via a member');
    const ghostRoom = await createRoom(hs.baseUrl, ghost, {});
    const fromGhost = await say(hs.baseUrl, ghost, ghostRoom, 'its user speaks');

    await sink.until(() => sink.delivered().includes(fromGhost), 'the last event');
    const delivered = sink.delivered();
    expect(delivered).not.toContain(secret);
    const positions = [viaAlias, viaMember, fromGhost].map((id) => delivered.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const body = sink.accepted.find((b) => b.events.some((e: Json) => e.event_id === fromGhost));
    const event = body.events.find((e: Json) => e.event_id === fromGhost);
    expect(event).toMatchObject({
      type: 'm.room.message',
      room_id: ghostRoom,
      sender: ghost.userId,
      content: { msgtype: 'm.text', body: 'its user speaks' },
      unsigned: { age: expect.any(Number) },
    });
    expect(event.prev_events).toBeUndefined();
    expectConsistentTransactions(sink.received);
  });

  it('retries a refused transaction under the same transaction ID, with the same events', async () => {
    const room = await createRoom(hs.baseUrl, alice, { room_alias_name: '_as_retry' });
    sink.mode = 'failing';
    const refusedBefore = refused().length;
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) sent.push(await say(hs.baseUrl, alice, room, `retry ${i}`));
    await sink.until(() => refused().length >= refusedBefore + 2, 'two refusals');
    sink.mode = 'up';
    await sink.until(() => sent.every((id) => sink.delivered().includes(id)), 'the refused events');

    const retried = refused()[refusedBefore].txnId;
    const accepted = sink.received.filter((t) => t.status === 200 && t.txnId === retried);
    expect(accepted).toHaveLength(1);
    expect(refused().filter((t) => t.txnId === retried).length).toBeGreaterThanOrEqual(2);
    const delivered = sink.delivered();
    expect(sent.map((id) => delivered.indexOf(id))).toEqual(
      [...sent.map((id) => delivered.indexOf(id))].sort((a, b) => a - b),
    );
    expectConsistentTransactions(sink.received);
  }, 30_000);

  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    'delivers all 500 events sent while it was down, in order, across a restart of the server',
    async () => {
      const room = await createRoom(hs.baseUrl, alice, { room_alias_name: '_as_outage' });
      sink.mode = 'down';
      const sent: string[] = [];
      for (let i = 0; i < 250; i++) sent.push(await say(hs.baseUrl, alice, room, `outage ${i}`));
      // Stopped with part of the outage still in the outbox, not only in the events table.
      const pending = () =>
        hs.app.get(AppserviceOutboxRepository).pendingCount(hs.app.get(Transactions).reader, AS_ID);
      for (let n = 0; (await pending()) === 0; n++) {
        if (n > 200) throw new Error('nothing reached the outbox');
        await new Promise((r) => setTimeout(r, 25));
      }
      await hs.stop();
      hs = await start();
      for (let i = 250; i < 500; i++) sent.push(await say(hs.baseUrl, alice, room, `outage ${i}`));
      sink.mode = 'up';
      // The service says it is back: what waits for it goes now, not after the backoff.
      const service = hs.app.get(AppserviceRegistry).byId(AS_ID)!;
      await hs.app.get(AppservicePinger).ping(service, 'back');
      await sink.until(() => sent.every((id) => sink.delivered().includes(id)), 'all 500 events', 20_000);

      const delivered = sink.delivered().filter((id) => sent.includes(id));
      expect(delivered).toEqual(sent);
      expectConsistentTransactions(sink.received);
      expect(sink.received.every((t) => t.eventIds.length <= 100)).toBe(true);
    },
    120_000,
  );

  function refused(): ReceivedTransaction[] {
    return sink.received.filter((t) => t.status !== 200);
  }
});

/**
 * A transaction ID always stands for the same events (however often it is retried), is accepted
 * at most once, and no event is in two transactions.
 */
function expectConsistentTransactions(received: readonly ReceivedTransaction[]): void {
  const byTxn = new Map<string, ReceivedTransaction[]>();
  for (const t of received) byTxn.set(t.txnId, [...(byTxn.get(t.txnId) ?? []), t]);
  const owner = new Map<string, string>();
  for (const [txnId, tries] of byTxn) {
    for (const t of tries) expect(t.eventIds).toEqual(tries[0].eventIds);
    expect(tries.filter((t) => t.status === 200).length).toBeLessThanOrEqual(1);
    for (const id of tries[0].eventIds) {
      expect(owner.get(id) ?? txnId).toBe(txnId);
      owner.set(id, txnId);
    }
  }
}

async function call(baseUrl: string, user: User | null, method: string, path: string, body?: object) {
  const res = await fetch(`${baseUrl}/_matrix/client/v3${path}`, {
    method,
    headers: {
      ...(user ? { authorization: `Bearer ${user.token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function register(baseUrl: string, localpart: string): Promise<User> {
  const body = { username: localpart, password: 'correct horse battery' };
  const challenge = await fetch(`${baseUrl}/_matrix/client/v3/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<Json>);
  const done = await call(baseUrl, null, 'POST', '/register', {
    ...body,
    auth: { type: 'm.login.dummy', session: challenge.session },
  });
  return { userId: done.user_id, token: done.access_token };
}

async function createRoom(baseUrl: string, user: User, body: object): Promise<string> {
  return (await call(baseUrl, user, 'POST', '/createRoom', body)).room_id;
}

let txn = 0;
async function say(baseUrl: string, user: User, roomId: string, text: string): Promise<string> {
  const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/t${++txn}`;
  return (await call(baseUrl, user, 'PUT', path, { msgtype: 'm.text', body: text })).event_id;
}
