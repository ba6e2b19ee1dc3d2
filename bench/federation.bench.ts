/**
 * Federation benchmark (bench/README.md): two real homeservers, A and B, in this process on
 * scratch PostgreSQL databases (BENCH_DATABASE_URL, default the local test server), named
 * `localhost:<port>` and federating over TLS on 127.0.0.1 with a self-signed certificate. The
 * clients (alice on A, bob on B) drive them over HTTP with plain fetch from a worker thread.
 * Every SQL statement is counted per database, to tell which server does the work;
 * BENCH_TOP_STATEMENTS=<n> also prints the n most frequent statements of each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { RunningHomeserver, startHomeserver } from '../apps/homeserver/src/start-homeserver';
import { call, Json, ms, percentile, register } from './support/bench-client';
import { scratchDatabase } from './support/scratch-database';
import { freePort, selfSignedCertificateFiles } from '../apps/homeserver/src/testing/loopback-network';

type Row = [string, string, string];

interface Setup {
  baseA: string;
  baseB: string;
  nameA: string;
  /** B's scratch database, where the worker counts the transactions B received. */
  databaseB: string;
  /** Statements run so far on [A's database, B's database], written by the main thread. */
  statements: SharedArrayBuffer;
}

const LATENCY_SENDS = 200;
const LOAD_SENDS = 2000;
const SENDERS = 16;

/**
 * Counts every statement `pg` sends, by database: index 0 for `databaseA`, 1 for the other. With
 * `byText`, also tallies each database's statements by their text (whitespace collapsed).
 */
function countStatements(databaseA: string, counts: Float64Array, byText?: Map<string, number>[]): void {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as { query: unknown }).query = function (this: Client, ...args: unknown[]) {
    const which = this.database === databaseA ? 0 : 1;
    counts[which]++;
    if (byText) {
      const sql = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
      const text = String(sql).replace(/\s+/g, ' ').trim().slice(0, 140);
      byText[which].set(text, (byText[which].get(text) ?? 0) + 1);
    }
    return query.apply(this, args);
  };
}

/** The `n` most frequent statements of each server over the whole run. */
function topStatements(byText: Map<string, number>[], n: number): string {
  return ['A', 'B']
    .map((server, i) =>
      [`most frequent statements on ${server}:`]
        .concat(
          [...byText[i]]
            .sort((x, y) => y[1] - x[1])
            .slice(0, n)
            .map(([text, count]) => `${String(count).padStart(8)}  ${text}`),
        )
        .join('\n'),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const loadBefore = loadavg();
  const stamp = Date.now();
  const tls = selfSignedCertificateFiles('switchboard-bench-tls-');
  const [dbA, dbB] = await Promise.all([
    scratchDatabase(adminUrl, `switchboard_bench_fed_a_${stamp}`),
    scratchDatabase(adminUrl, `switchboard_bench_fed_b_${stamp}`),
  ]);
  const statements = new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT);
  const top = Number(process.env.BENCH_TOP_STATEMENTS ?? 0);
  const byText = top > 0 ? [new Map<string, number>(), new Map<string, number>()] : undefined;
  countStatements(new URL(dbA.url).pathname.slice(1), new Float64Array(statements), byText);
  const dataDirs: string[] = [];
  const servers: RunningHomeserver[] = [];
  let rows: Row[];
  try {
    const start = async (databaseUrl: string) => {
      const federationPort = await freePort();
      const clientPort = await freePort();
      const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
      dataDirs.push(dataDir);
      const server = await startHomeserver(
        testConfig({
          server_name: `localhost:${federationPort}`,
          data_dir: dataDir,
          database: { url: databaseUrl },
          rate_limiting: { enabled: false },
          listeners: [
            { port: clientPort, bind_addresses: ['127.0.0.1'], tls: null, resources: ['client'] },
            {
              port: federationPort,
              bind_addresses: ['127.0.0.1'],
              tls: { certificate: tls.certificate, key: tls.key },
              resources: ['federation'],
            },
          ],
          federation: { verify_certificates: false, ip_range_allowlist: ['127.0.0.0/8'] },
        }),
        createLogger('warn'),
      );
      servers.push(server);
      return { base: `http://127.0.0.1:${clientPort}`, name: `localhost:${federationPort}` };
    };
    const a = await start(dbA.url);
    const b = await start(dbB.url);
    rows = await inWorker({ baseA: a.base, baseB: b.base, nameA: a.name, databaseB: dbB.url, statements });
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([dbA.drop(), dbB.drop()]);
    await Promise.all([...dataDirs, tls.dir].map((dir) => rm(dir, { recursive: true, force: true })));
  }
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
  process.stdout.write(`load average before: ${load(loadBefore)}, after: ${load(loadavg())}\n`);
  for (const [what, result, how] of rows) process.stdout.write(`| ${what} | ${result} | ${how} |\n`);
  if (byText) process.stdout.write(`${topStatements(byText, top)}\n`);
}

/** Runs the clients (drive) in a worker thread; resolves with its table rows. */
function inWorker(setup: Setup): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: setup });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
}

/** Bob's /sync on B, long-polling from where the last call ended, for one room's timeline. */
class BobSync {
  private since = '';
  /** Only the timeline matters here; 500 is the server's cap, so a burst is not cut short. */
  private readonly filter = encodeURIComponent(
    JSON.stringify({ room: { timeline: { limit: 500 } }, presence: { types: [] } }),
  );

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly roomId: string,
  ) {}

  async start(): Promise<void> {
    this.since = (
      await call(this.base, 'GET', `/_matrix/client/v3/sync?timeout=0&filter=${this.filter}`, this.token)
    ).next_batch as string;
  }

  /** One long poll; the IDs of the room's new timeline events. */
  async poll(timeoutMs = 30_000): Promise<string[]> {
    const res = await call(
      this.base,
      'GET',
      `/_matrix/client/v3/sync?timeout=${timeoutMs}&since=${this.since}&filter=${this.filter}`,
      this.token,
    );
    this.since = res.next_batch as string;
    const room = (
      res.rooms as { join?: Record<string, { timeline?: { events: Json[]; limited?: boolean } }> }
    )?.join?.[this.roomId];
    if (!room?.timeline) return [];
    if (room.timeline.limited) throw new Error("bob's /sync timeline was limited: events would go uncounted");
    return room.timeline.events.map((event) => event.event_id as string);
  }

  /** Polls until every ID in `ids` was seen. */
  async until(ids: Set<string>): Promise<void> {
    const missing = new Set(ids);
    while (missing.size > 0) for (const id of await this.poll()) missing.delete(id);
  }
}

/** Every measurement, over HTTP against A and B. */
async function drive(setup: Setup): Promise<Row[]> {
  const rows: Row[] = [];
  const counts = new Float64Array(setup.statements);
  const receivedTxns = async () => {
    const db = new Client({ connectionString: setup.databaseB });
    await db.connect();
    try {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM federation_received_txns`)).rows;
      return n as number;
    } finally {
      await db.end();
    }
  };

  const alice = (await register(setup.baseA, 'alice')).token;
  const bob = (await register(setup.baseB, 'bob')).token;
  const roomId = (
    await call(setup.baseA, 'POST', '/_matrix/client/v3/createRoom', alice, { preset: 'public_chat' })
  ).room_id as string;
  await call(
    setup.baseB,
    'POST',
    `/_matrix/client/v3/join/${encodeURIComponent(roomId)}?server_name=${encodeURIComponent(setup.nameA)}`,
    bob,
    {},
  );
  let txn = 0;
  const send = async (body: string) =>
    (
      await call(
        setup.baseA,
        'PUT',
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/t${txn++}`,
        alice,
        { msgtype: 'm.text', body },
      )
    ).event_id as string;
  const sync = new BobSync(setup.baseB, bob, roomId);
  await sync.start();

  // Warm-up: B has fetched A's keys and the connections are open before anything is timed.
  const warm = new Set<string>();
  for (let i = 0; i < 20; i++) warm.add(await send(`warm-up ${i}`));
  await sync.until(warm);

  // Latency: one send at a time, bob long-polling on B.
  const txnsBeforeLatency = await receivedTxns();
  const [aBeforeLatency, bBeforeLatency] = counts;
  const delivery: number[] = [];
  for (let i = 0; i < LATENCY_SENDS; i++) {
    // The long poll is waiting on B before the send starts, as a real client's would be.
    const polling = sync.poll();
    await new Promise((r) => setTimeout(r, 2));
    const t = performance.now();
    const id = await send(`latency ${i}`);
    let ids = await polling;
    while (!ids.includes(id)) ids = await sync.poll();
    delivery.push(performance.now() - t);
  }
  const latencyTxns = (await receivedTxns()) - txnsBeforeLatency;
  const latencyStatementsA = (counts[0] - aBeforeLatency) / LATENCY_SENDS;
  const latencyStatementsB = (counts[1] - bBeforeLatency) / LATENCY_SENDS;
  delivery.sort((x, y) => x - y);
  rows.push([
    "send on A to delivered in bob's /sync on B",
    `p50 ${ms(percentile(delivery, 50))}, p99 ${ms(percentile(delivery, 99))}`,
    `${LATENCY_SENDS} sends one at a time, from the start of PUT /send on A to bob's long-polling /sync on B returning the event`,
  ]);
  rows.push([
    'SQL statements per message, one at a time',
    `A ${latencyStatementsA.toFixed(1)}, B ${latencyStatementsB.toFixed(1)}`,
    `${LATENCY_SENDS} sends, ${latencyTxns} transactions received by B; B includes bob's /sync`,
  ]);

  // Throughput: 16 concurrent senders on A, bob counting arrivals on B.
  const txnsBeforeLoad = await receivedTxns();
  const [aBeforeLoad, bBeforeLoad] = counts;
  const ids: string[] = [];
  const arrivedAt = new Map<string, number>();
  let sendsDone = false;
  const allArrived = () => sendsDone && ids.every((id) => arrivedAt.has(id));
  const counting = (async () => {
    // A short poll timeout: when everything arrived before the last PUT answered, the poll
    // still waiting must not hold the phase up (arrival times are recorded per event anyway).
    while (!allArrived()) for (const id of await sync.poll(1000)) arrivedAt.set(id, performance.now());
  })();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < LOAD_SENDS) {
        const i = next++;
        ids.push(await send(`load ${i}`));
      }
    }),
  );
  const acceptedAt = performance.now();
  sendsDone = true;
  await counting;
  const lastArrival = Math.max(...ids.map((id) => arrivedAt.get(id)!));
  const loadTxns = (await receivedTxns()) - txnsBeforeLoad;
  const deliverySeconds = (lastArrival - t0) / 1000;
  rows.push([
    'sends/s accepted by A',
    (LOAD_SENDS / ((acceptedAt - t0) / 1000)).toFixed(0),
    `${LOAD_SENDS.toLocaleString('en')} sends into one room, ${SENDERS} concurrent senders on A`,
  ]);
  rows.push([
    'events/s delivered to B',
    `${(LOAD_SENDS / deliverySeconds).toFixed(0)} (all in ${deliverySeconds.toFixed(1)} s)`,
    `the same ${LOAD_SENDS.toLocaleString('en')}: first send on A to the last one in bob's /sync on B`,
  ]);
  rows.push([
    'federation transactions/s',
    `${(loadTxns / deliverySeconds).toFixed(1)} (${loadTxns} transactions, ${(LOAD_SENDS / loadTxns).toFixed(1)} events each)`,
    "rows added to B's federation_received_txns over the same interval",
  ]);
  rows.push([
    'SQL statements per message, 16 senders',
    `A ${((counts[0] - aBeforeLoad) / LOAD_SENDS).toFixed(1)}, B ${((counts[1] - bBeforeLoad) / LOAD_SENDS).toFixed(1)}`,
    `${LOAD_SENDS.toLocaleString('en')} sends; B includes bob's /sync`,
  ]);
  return rows;
}

if (isMainThread) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
} else {
  // A rejection here fails the worker, which rejects inWorker in the main thread.
  void drive(workerData as Setup).then((rows) => parentPort!.postMessage(rows));
}
