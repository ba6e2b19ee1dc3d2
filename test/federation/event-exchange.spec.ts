import { rmSync } from 'node:fs';
import { FederationClient, FederationRemoteError, TransactionReceiver } from '@switchboard/federation';
import {
  EventTemplate,
  IdentifiedPdu,
  Pdu,
  roomVersion,
  RoomVersion,
  SigningKey,
  stateEvent,
  stateKey,
  timelineEvent,
} from '@switchboard/protocol';
import { buildEvent, RoomStateQuery } from '@switchboard/rooms';
import {
  EventGraphRepository,
  EventsRepository,
  FederationOutboxRepository,
  SIGNING_KEY,
  Transactions,
} from '@switchboard/storage';
import { ConfigOverrides } from '@switchboard/config/testing';
import { createScratchDatabase } from '@switchboard/storage/testing';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { syncClient, TestUser } from '../client-api/sync-client';
import { Json } from '../support/http';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/** Polls until `check` returns a value (no timing assertion: the jest timeout bounds it). */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const VERSION = roomVersion('11') as RoomVersion;

/**
 * server-server-api "Transactions", "Retrieving events", "Backfilling and retrieving missing
 * events" between two real Switchboards over TLS. B plays a remote server whose events the test
 * builds and signs with B's own key (B serves the key, so A verifies it the real way); A is the
 * server under test. Rooms are made on A; B's user enters them with a join sent in a transaction.
 */
describe('federation event exchange between two Switchboards', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-fedx-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let nameA: string;
  let nameB: string;
  let portB: number;
  let c: ReturnType<typeof syncClient>;
  let txnCounter = 0;
  let dropScratch: (() => Promise<void>) | undefined;

  const start = (port: number, overrides: ConfigOverrides = {}) =>
    startFederatingHomeserver(port, { certificate, key }, overrides);

  beforeAll(async () => {
    const portA = await freePort();
    portB = await freePort();
    nameA = `localhost:${portA}`;
    nameB = `localhost:${portB}`;
    [a, b] = await Promise.all([start(portA), start(portB)]);
    c = syncClient(a);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropScratch?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const bob = () => `@bob:${nameB}`;
  const readerA = () => a.app.get(Transactions).reader;

  /** A request from B to A, signed by B; errors come back as their status and body. */
  async function fromB(method: 'GET' | 'PUT' | 'POST', path: string, body?: object) {
    try {
      return {
        status: 200,
        body: await b.app.get(FederationClient).request<Json>(nameA, { method, path, body }),
      };
    } catch (err) {
      if (err instanceof FederationRemoteError) return { status: err.status, body: { errcode: err.errcode } };
      throw err;
    }
  }

  const send = (pdus: Pdu[], edus: object[] = [], txnId = `t${++txnCounter}`) =>
    fromB('PUT', `/_matrix/federation/v1/send/${txnId}`, {
      origin: nameB,
      origin_server_ts: Date.now(),
      pdus,
      edus,
    });

  /** An event of B's user on top of A's forward extremities, auth events from A's current state. */
  async function remoteEvent(roomId: string, template: EventTemplate): Promise<IdentifiedPdu> {
    const extremities = await a.app.get(EventGraphRepository).forwardExtremities(readerA(), roomId);
    const prevs = [...(await a.app.get(EventsRepository).getMany(readerA(), extremities)).values()];
    return buildEvent({
      version: VERSION,
      roomId,
      sender: bob(),
      template,
      prevEvents: prevs.map((r) => ({ eventId: r.eventId, pdu: r.pdu })),
      authState: await a.app.get(RoomStateQuery).current(roomId),
      serverName: nameB,
      key: b.app.get<SigningKey>(SIGNING_KEY),
      now: Date.now(),
    });
  }

  async function roomWithBob(alice: TestUser): Promise<string> {
    const roomId = await c.createRoom(alice);
    const joinEvent = await remoteEvent(roomId, stateEvent('m.room.member', bob(), { membership: 'join' }));
    const answer = await send([joinEvent.pdu]);
    expect(answer).toEqual({ status: 200, body: { pdus: { [joinEvent.eventId]: {} } } });
    return roomId;
  }

  const storedEvent = (eventId: string) => a.app.get(EventsRepository).get(readerA(), eventId);

  it('accepts good PDUs next to a forged one, which alone gets an error', async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    expect((await a.app.get(RoomStateQuery).membership(roomId, bob()))?.membership).toBe('join');

    const forged = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'forged' }));
    forged.pdu.signatures = { [nameB]: { [b.app.get<SigningKey>(SIGNING_KEY).keyId]: 'A'.repeat(86) } };
    const good = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'hello from B' }));
    const answer = await send([forged.pdu, good.pdu]);
    expect(answer.status).toBe(200);
    expect(answer.body.pdus[good.eventId]).toEqual({});
    expect(answer.body.pdus[forged.eventId]).toEqual({ error: expect.any(String) });
    expect(await storedEvent(forged.eventId)).toBeNull();

    const timeline = await c.messages(alice, roomId, { dir: 'b', limit: 5 });
    expect(timeline.body.chunk.map((e: Json) => e.content.body)).toContain('hello from B');
  });

  it('stores a PDU whose content does not match its hash redacted ("Checks performed on receipt of a PDU")', async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    const event = await remoteEvent(
      roomId,
      timelineEvent('m.room.message', { msgtype: 'm.text', body: 'real' }),
    );
    // The signature covers the redacted event, so it still verifies; the content hash no longer does.
    event.pdu.content = { msgtype: 'm.text', body: 'tampered' };
    const answer = await send([event.pdu]);
    expect(answer.body.pdus[event.eventId]).toEqual({});
    const stored = await storedEvent(event.eventId);
    expect(stored?.pdu.content).toEqual({});
    const served = await c.get(
      alice,
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(event.eventId)}`,
    );
    expect(served.body.content).toEqual({});
  });

  it('never accepts a PDU that fails authorization, nor one whose sender belongs to another server', async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    // Bob has power 0: changing the power levels fails the auth rules.
    const grab = await remoteEvent(
      roomId,
      stateEvent('m.room.power_levels', '', { users: { [bob()]: 100 } }),
    );
    const impostor = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'from eve?' }));
    impostor.pdu.sender = '@eve:elsewhere.example';
    const answer = await send([grab.pdu, impostor.pdu]);
    expect(answer.status).toBe(200);
    // A PDU that fails authorization is stored as rejected (it may be in other events' auth chains).
    expect((await storedEvent(grab.eventId))?.rejectedReason).toEqual(expect.any(String));
    const powerLevels = (await a.app.get(RoomStateQuery).current(roomId)).get(
      stateKey('m.room.power_levels', ''),
    );
    expect(powerLevels?.eventId).not.toBe(grab.eventId);
    // The changed sender changed the event ID too: the impostor is the other entry of the answer.
    const others = Object.entries(answer.body.pdus as Record<string, Json>).filter(
      ([id]) => id !== grab.eventId,
    );
    expect(others).toEqual([[expect.any(String), { error: expect.any(String) }]]);
    expect(await storedEvent(others[0][0])).toBeNull();
    const timeline = await c.messages(alice, roomId, { dir: 'b', limit: 10 });
    expect(timeline.body.chunk.map((e: Json) => e.content.body)).not.toContain('from eve?');
  });

  it('answers a retried transaction ID with the first answer and processes nothing again', async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    const first = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'once' }));
    const firstAnswer = await send([first.pdu], [], 'same-txn');
    const second = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'twice' }));
    expect(await send([second.pdu], [], 'same-txn')).toEqual(firstAnswer);
    expect(await storedEvent(second.eventId)).toBeNull();
  });

  it('refuses a whole transaction over the PDU limit with 400', async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    const message = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'x' }));
    expect((await send(Array(51).fill(message.pdu))).status).toBe(400);
  });

  it('gives an error for PDUs of a room the origin has no member in', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const message = await remoteEvent(roomId, timelineEvent('m.room.message', { body: 'not a member' }));
    const answer = await send([message.pdu]);
    expect(answer.body.pdus[message.eventId]).toEqual({ error: expect.stringContaining('not in room') });
    expect(await storedEvent(message.eventId)).toBeNull();
  });

  it("shows typing of the origin's users in local /sync and drops typing it claims for others", async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    const before = await c.sync(alice);
    await send(
      [],
      [
        { edu_type: 'm.typing', content: { room_id: roomId, user_id: alice.userId, typing: true } },
        { edu_type: 'm.typing', content: { room_id: roomId, user_id: bob(), typing: true } },
      ],
    );
    const next = await c.sync(alice, { since: before.next_batch, timeout: 5000 });
    const typing = (next.rooms?.join?.[roomId]?.ephemeral?.events ?? []).filter(
      (e: Json) => e.type === 'm.typing',
    );
    expect(typing.map((e: Json) => e.content.user_ids)).toEqual([[bob()]]);
  });

  it('serves events, state, auth chains and history to a server in the room, and 403 to one that is not', async () => {
    const alice = await c.user('alice');
    const roomId = await roomWithBob(alice);
    const { eventId } = await c.say(roomId, alice, 'served');
    const r = encodeURIComponent(roomId);
    const e = encodeURIComponent(eventId);

    const event = await fromB('GET', `/_matrix/federation/v1/event/${e}`);
    expect(event.body).toMatchObject({ origin: nameA, pdus: [{ content: { body: 'served' } }] });
    expect(event.body.pdus[0].unsigned?.transaction_id).toBeUndefined();

    const stateIds = await fromB('GET', `/_matrix/federation/v1/state_ids/${r}?event_id=${e}`);
    expect(stateIds.status).toBe(200);
    const create = await a.app.get(RoomStateQuery).currentEvent(roomId, 'm.room.create', '');
    expect(stateIds.body.pdu_ids).toContain(create?.eventId);
    expect(stateIds.body.auth_chain_ids).toContain(create?.eventId);
    expect(stateIds.body.pdu_ids).not.toContain(eventId);

    const state = await fromB('GET', `/_matrix/federation/v1/state/${r}?event_id=${e}`);
    expect(state.body.pdus.map((p: Pdu) => p.type)).toEqual(
      expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.member']),
    );
    expect((await fromB('GET', `/_matrix/federation/v1/state/${r}`)).status).toBe(400);

    const auth = await fromB('GET', `/_matrix/federation/v1/event_auth/${r}/${e}`);
    expect(auth.body.auth_chain.map((p: Pdu) => p.type)).toContain('m.room.create');

    const backfill = await fromB('GET', `/_matrix/federation/v1/backfill/${r}?v=${e}&limit=3`);
    expect(backfill.body.pdus).toHaveLength(3);
    expect(backfill.body.pdus[0].content).toEqual({ msgtype: 'm.text', body: 'served' });

    const missing = await fromB('POST', `/_matrix/federation/v1/get_missing_events/${r}`, {
      earliest_events: [],
      latest_events: [eventId],
      limit: 2,
    });
    expect(missing.body.events).toHaveLength(2);

    const ts = await fromB('GET', `/_matrix/federation/v1/timestamp_to_event/${r}?ts=${Date.now()}&dir=b`);
    expect(ts.body).toEqual({ event_id: eventId, origin_server_ts: expect.any(Number) });

    const privateRoom = await c.createRoom(alice);
    const secret = await c.say(privateRoom, alice, 'secret');
    const p = encodeURIComponent(privateRoom);
    const s = encodeURIComponent(secret.eventId);
    for (const path of [
      `/_matrix/federation/v1/event/${s}`,
      `/_matrix/federation/v1/state_ids/${p}?event_id=${s}`,
      `/_matrix/federation/v1/state/${p}?event_id=${s}`,
      `/_matrix/federation/v1/event_auth/${p}/${s}`,
      `/_matrix/federation/v1/backfill/${p}?v=${s}&limit=5`,
    ]) {
      expect(await fromB('GET', path)).toEqual({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
    }
    // The event of another room, asked for in a room B is in.
    expect((await fromB('GET', `/_matrix/federation/v1/state_ids/${r}?event_id=${s}`)).status).toBe(404);
  });

  it('after a real join, messages, typing and receipts cross between the two servers both ways', async () => {
    const cB = syncClient(b);
    const alice = await c.user('alice');
    const carol = await cB.user('carol');
    const roomId = await c.createRoom(alice);
    const joined = await cB.api.call(
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(roomId)}?server_name=${encodeURIComponent(nameA)}`,
      {},
      carol.token,
    );
    expect(joined.status).toBe(200);

    const { eventId } = await c.say(roomId, alice, 'hello carol');
    await eventually(async () => {
      const page = await cB.messages(carol, roomId, { dir: 'b', limit: 10 });
      return page.body.chunk?.some((e: Json) => e.event_id === eventId) ? true : undefined;
    });

    const aliceBefore = await c.sync(alice);
    const reply = await cB.say(roomId, carol, 'hello alice');
    await cB.api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/typing/${encodeURIComponent(carol.userId)}`,
      { typing: true, timeout: 20000 },
      carol.token,
    );
    await cB.api.call(
      'POST',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`,
      {},
      carol.token,
    );
    let since = aliceBefore.next_batch;
    const seen = { message: false, typing: false, receipt: false };
    await eventually(async () => {
      const next = await c.sync(alice, { since, timeout: 2000 });
      since = next.next_batch;
      const room = next.rooms?.join?.[roomId];
      if (room?.timeline?.events?.some((e: Json) => e.event_id === reply.eventId)) seen.message = true;
      for (const e of room?.ephemeral?.events ?? []) {
        if (e.type === 'm.typing' && e.content.user_ids.includes(carol.userId)) seen.typing = true;
        if (e.type === 'm.receipt' && e.content[eventId]?.['m.read']?.[carol.userId]) seen.receipt = true;
      }
      return seen.message && seen.typing && seen.receipt ? true : undefined;
    });
  });

  describe('outbox', () => {
    /** The transactions a server receives, as their bodies. */
    function record(hs: TestHomeserver): Json[] {
      const seen: Json[] = [];
      const receiver = hs.app.get(TransactionReceiver);
      const original = receiver.receive.bind(receiver);
      jest.spyOn(receiver, 'receive').mockImplementation((origin, txnId, body) => {
        if (origin === nameA) seen.push(body);
        return original(origin, txnId, body);
      });
      return seen;
    }

    const pduIds = (seen: Json[]) =>
      seen.flatMap((t) => t.pdus.map((p: Pdu) => p.content.body as string | undefined));

    it("sends local users' events and typing to the servers in the room", async () => {
      const seen = record(b);
      const alice = await c.user('alice');
      const roomId = await roomWithBob(alice);
      await c.say(roomId, alice, 'to B');
      await eventually(async () => (pduIds(seen).includes('to B') ? true : undefined));
      await c.api.call(
        'PUT',
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/typing/${encodeURIComponent(alice.userId)}`,
        { typing: true, timeout: 10000 },
        alice.token,
      );
      const typing = await eventually(async () =>
        seen.flatMap((t) => t.edus ?? []).find((edu: Json) => edu.edu_type === 'm.typing'),
      );
      expect(typing.content).toMatchObject({ room_id: roomId, user_id: alice.userId, typing: true });
    });

    it('gives each PDU it sends unsigned.age (Synapse shows its clients no age without it)', async () => {
      const seen = record(b);
      const alice = await c.user('alice');
      const roomId = await roomWithBob(alice);
      await c.say(roomId, alice, 'how old am I');
      const pdu = await eventually(async () =>
        seen.flatMap((t) => t.pdus).find((p: Pdu) => p.content.body === 'how old am I'),
      );
      expect(pdu.unsigned.age).toEqual(expect.any(Number));
      expect(pdu.unsigned.age).toBeGreaterThanOrEqual(0);
    });

    it('delivers what was sent while the destination was down once it is back', async () => {
      const alice = await c.user('alice');
      const roomId = await roomWithBob(alice);
      await b.stop();
      await c.say(roomId, alice, 'while you were away');
      b = await start(portB);
      const seen = record(b);
      await eventually(async () => (pduIds(seen).includes('while you were away') ? true : undefined));
    });

    // The outbox is in the database: with embedded PGlite the data dir, which a restart here does
    // not keep, holds it.
    (process.env.TEST_DATABASE_URL ? it : it.skip)(
      'keeps what was not delivered across a restart of the sending server',
      async () => {
        const scratch = await createScratchDatabase();
        dropScratch = scratch.drop;
        const port = await freePort();
        const startA = () => start(port, { database: { url: scratch.url } });
        await a.stop();
        a = await startA();
        nameA = `localhost:${port}`;
        c = syncClient(a);
        const alice = await c.user('alice');
        const roomId = await roomWithBob(alice);

        await b.stop();
        await c.say(roomId, alice, 'kept across a restart');
        await eventually(async () => {
          const pending = await a.app.get(FederationOutboxRepository).destinationsWithPending(readerA());
          return pending.includes(nameB) ? true : undefined;
        });
        await a.stop();
        b = await start(portB);
        const seen = record(b);
        a = await startA();
        await eventually(async () => (pduIds(seen).includes('kept across a restart') ? true : undefined));
      },
    );
  });
});
