import { rmSync } from 'node:fs';
import { EventGraphRepository, EventsRepository, Transactions } from '@switchboard/storage';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Reply } from '../client-api/accounts-client';
import { room, roomsClient, TestUser, v3 } from '../client-api/rooms-client';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

type ClientEvent = { type: string; event_id: string; state_key?: string; content: { body?: string } };

function expectOk(res: Reply): void {
  expect(res.status === 200 ? 200 : res).toBe(200);
}

/**
 * server-server-api "Backfilling and retrieving missing events" as client-server
 * GET /rooms/{roomId}/messages uses it: a user of B joins a room with history on A and pages back
 * through the history from before B was in the room. Two Switchboards over TLS on 127.0.0.1.
 */
describe('backfill over federation between two Switchboards', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-backfill-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let nameA: string;
  let clientA: ReturnType<typeof roomsClient>;
  let clientB: ReturnType<typeof roomsClient>;

  const start = (federationPort: number) => startFederatingHomeserver(federationPort, { certificate, key });

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    nameA = `localhost:${portA}`;
    [a, b] = await Promise.all([start(portA), start(portB)]);
    clientA = roomsClient(a);
    clientB = roomsClient(b);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const readerB = () => b.app.get(Transactions).reader;

  /** Every page of /messages backwards from the newest event, until a page has no `end`. */
  async function pageBack(user: TestUser, roomId: string, limit: number): Promise<ClientEvent[][]> {
    const pages: ClientEvent[][] = [];
    let from: string | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await user.call(
        'GET',
        `${room(roomId)}/messages?dir=b&limit=${limit}${from ? `&from=${encodeURIComponent(from)}` : ''}`,
      );
      expectOk(res);
      pages.push(res.body.chunk as ClientEvent[]);
      if (res.body.end === undefined) return pages;
      from = res.body.end as string;
    }
    throw new Error('pagination did not end');
  }

  /** A public room on A with history: a name change among 25 messages. */
  async function roomWithHistory(alice: TestUser): Promise<string> {
    const roomId = await clientA.createRoom(alice, { preset: 'public_chat', name: 'first name' });
    for (let i = 1; i <= 25; i++) {
      if (i === 10)
        expectOk(await alice.call('PUT', `${room(roomId)}/state/m.room.name/`, { name: 'second name' }));
      expectOk(
        await alice.call('PUT', `${room(roomId)}/send/m.room.message/m${i}`, {
          msgtype: 'm.text',
          body: `m${i}`,
        }),
      );
    }
    return roomId;
  }

  it('pages back through history older than the join, fetched from the other server', async () => {
    const alice = await clientA.user('alice');
    const bob = await clientB.user('bob');
    const roomId = await roomWithHistory(alice);
    expectOk(await bob.call('POST', `${v3}/join/${encodeURIComponent(roomId)}?server_name=${nameA}`, {}));
    const before = await bob.call('GET', `${v3}/sync`);
    expectOk(before);
    const extremities = await b.app.get(EventGraphRepository).forwardExtremities(readerB(), roomId);

    const pages = await pageBack(bob, roomId, 7);
    const events = pages.flat();
    const bodies = events.map((e) => e.content.body).filter((body) => body !== undefined);
    expect(bodies).toEqual(Array.from({ length: 25 }, (_, i) => `m${25 - i}`));
    // Back to the room's creation, each event once, in the order A has them.
    expect(events[events.length - 1].type).toBe('m.room.create');
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    const onA = await pageBack(alice, roomId, 100);
    expect(events.map((e) => e.event_id)).toEqual(onA.flat().map((e) => e.event_id));

    // Stored below every position B had: no forward extremity, current state or /sync moves.
    const rows = await b.app.get(EventsRepository).getMany(
      readerB(),
      events.filter((e) => e.content.body === 'm1' || e.type === 'm.room.create').map((e) => e.event_id),
    );
    expect([...rows.values()].every((r) => r.streamOrdering !== null && r.streamOrdering < 0)).toBe(true);
    expect(await b.app.get(EventGraphRepository).forwardExtremities(readerB(), roomId)).toEqual(extremities);
    const name = await bob.call('GET', `${room(roomId)}/state/m.room.name/`);
    expect(name.body).toEqual({ name: 'second name' });
    const after = await bob.call('GET', `${v3}/sync?timeout=0&since=${before.body.next_batch as string}`);
    expectOk(after);
    expect(
      (after.body.rooms as { join?: object } | undefined)?.join?.[roomId as keyof object],
    ).toBeUndefined();

    // Paging again reads what is stored: the same history, nothing asked twice.
    expect((await pageBack(bob, roomId, 50)).flat().map((e) => e.event_id)).toEqual(
      events.map((e) => e.event_id),
    );
  });

  it("shows a page's history by the state before it: the name it had then", async () => {
    const alice = await clientA.user('alice');
    const bob = await clientB.user('bob');
    const roomId = await roomWithHistory(alice);
    expectOk(await bob.call('POST', `${v3}/join/${encodeURIComponent(roomId)}?server_name=${nameA}`, {}));

    const events = (await pageBack(bob, roomId, 100)).flat();
    const m5 = events.find((e) => e.content.body === 'm5')!;
    const context = await bob.call(
      'GET',
      `${room(roomId)}/context/${encodeURIComponent(m5.event_id)}?limit=0`,
    );
    expectOk(context);
    const state = context.body.state as { type: string; content: { name?: string } }[];
    expect(state.find((e) => e.type === 'm.room.name')?.content.name).toBe('first name');
  });
});
