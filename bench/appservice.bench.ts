/**
 * Application-service benchmark (bench/README.md): a real homeserver in this process on PostgreSQL
 * (BENCH_DATABASE_URL, default the local test server) or the embedded PGlite
 * (BENCH_DATABASE_URL=embedded), with one registration whose url is an application service run,
 * with the clients, in a worker thread (real bridges are other processes): the time from a client's
 * PUT /send to the service's handler receiving the event, and how many events a second reach it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { startHomeserver } from '../apps/homeserver/src/start-homeserver';
import { call, ms, percentile, register } from './support/bench-client';
import { scratchDatabase } from './support/scratch-database';

type Row = [string, string, string];

const AS_ID = 'bench-bridge';
const AS_TOKEN = 'bench-as-token';
const HS_TOKEN = 'bench-hs-token';

async function main(): Promise<void> {
  const dbUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const scratch =
    dbUrl === 'embedded' ? null : await scratchDatabase(dbUrl, `switchboard_bench_${Date.now()}`);
  const databaseUrl = scratch?.url ?? null;
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  const worker = new Worker(__filename);
  const fromWorker = <T>() =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  let rows: Row[];
  try {
    const appserviceUrl = await fromWorker<string>();
    const registration = join(dataDir, 'bench-bridge.yaml');
    await writeFile(
      registration,
      JSON.stringify({
        id: AS_ID,
        url: appserviceUrl,
        as_token: AS_TOKEN,
        hs_token: HS_TOKEN,
        sender_localpart: 'benchbot',
        namespaces: { users: [{ regex: '@_bench_.*', exclusive: false }], aliases: [], rooms: [] },
      }),
    );
    const config = testConfig({
      data_dir: dataDir,
      database: { url: databaseUrl },
      rate_limiting: { enabled: false },
      app_service_config_files: [registration],
      ...(process.env.BENCH_NO_FEDERATION ? { federation: { enabled: false } } : {}),
    });
    const hs = await startHomeserver(config, createLogger('warn'));
    try {
      const done = fromWorker<Row[]>();
      worker.postMessage(`http://127.0.0.1:${hs.addresses[0].port}`);
      rows = await done;
    } finally {
      await hs.close();
    }
  } finally {
    await worker.terminate();
    await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
  process.stdout.write(`database: ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}\n`);
  for (const [what, result, how] of rows) process.stdout.write(`| ${what} | ${result} | ${how} |\n`);
}

/** The application service: takes every transaction (or refuses it while `refusing`), noting when each event body arrived. */
class Bridge {
  readonly arrived = new Map<string, number>();
  refusing = false;
  transactions = 0;
  private waiters: { body: string; resolve: () => void }[] = [];

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void readBody(req).then((text) => {
        if (req.method !== 'PUT' || !req.url?.includes('/transactions/')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        if (this.refusing) {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"errcode":"M_UNKNOWN"}');
          return;
        }
        const now = performance.now();
        this.transactions++;
        for (const event of (JSON.parse(text) as { events: { content?: { body?: string } }[] }).events) {
          const body = event.content?.body;
          if (typeof body === 'string' && !this.arrived.has(body)) this.arrived.set(body, now);
        }
        this.waiters = this.waiters.filter((w) => {
          if (!this.arrived.has(w.body)) return true;
          w.resolve();
          return false;
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    server.unref();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Resolves when an event with this body has arrived. */
  received(body: string): Promise<void> {
    if (this.arrived.has(body)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ body, resolve }));
  }
}

/** Every measurement, over HTTP against the homeserver at `base`, with the bridge in this thread. */
async function drive(base: string, bridge: Bridge): Promise<Row[]> {
  const rows: Row[] = [];
  const alice = await register(base, 'alice');
  const ghost = await register(base, '_bench_ghost');
  const rooms: string[] = [];
  for (let i = 0; i < 20; i++) {
    const { room_id } = await call(base, 'POST', '/_matrix/client/v3/createRoom', alice.token, {
      preset: 'public_chat',
    });
    await call(
      base,
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(room_id as string)}`,
      ghost.token,
      {},
    );
    rooms.push(room_id as string);
  }
  let txn = 0;
  const send = (room: string, body: string) =>
    call(
      base,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/send/m.room.message/t${txn++}`,
      alice.token,
      {
        msgtype: 'm.text',
        body,
      },
    );

  // Send to the bridge's handler, one at a time.
  const latency: number[] = [];
  const sendOnly: number[] = [];
  for (let i = 0; i < 300; i++) {
    const body = `latency ${i}`;
    const arrived = bridge.received(body);
    const t = performance.now();
    await send(rooms[0], body);
    sendOnly.push(performance.now() - t);
    await arrived;
    latency.push(bridge.arrived.get(body)! - t);
  }
  latency.sort((a, b) => a - b);
  sendOnly.sort((a, b) => a - b);
  rows.push([
    'send to the application service handler',
    `p50 ${ms(percentile(latency, 50))}, p99 ${ms(percentile(latency, 99))}`,
    `300 sequential sends, bridge answering at once (PUT /send alone: p50 ${ms(percentile(sendOnly, 50))}, p99 ${ms(percentile(sendOnly, 99))})`,
  ]);

  // Delivered events/s under load: 16 concurrent senders across 20 rooms.
  const load = async (prefix: string, total: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          const i = next++;
          await send(rooms[i % rooms.length], `${prefix} ${i}`);
        }
      }),
    );
  };
  const total = 3000;
  const t = performance.now();
  await load('load', total);
  const sent = performance.now();
  await bridge.received(`load ${total - 1}`);
  await Promise.all(Array.from({ length: total }, (_, i) => bridge.received(`load ${i}`)));
  const delivered = performance.now();
  rows.push([
    'events/s delivered to the application service, live',
    `${(total / ((delivered - t) / 1000)).toFixed(0)} (sends/s ${(total / ((sent - t) / 1000)).toFixed(0)}; last event ${ms(delivered - sent)} after the last send)`,
    `${total} sends, 16 concurrent senders, 20 rooms`,
  ]);

  // A backlog: the bridge refuses while events pile up, then says it is back (ping).
  bridge.refusing = true;
  const backlog = 2000;
  await load('backlog', backlog);
  bridge.refusing = false;
  const before = bridge.transactions;
  const d0 = performance.now();
  await call(base, 'POST', `/_matrix/client/v1/appservice/${AS_ID}/ping`, AS_TOKEN, {});
  await Promise.all(Array.from({ length: backlog }, (_, i) => bridge.received(`backlog ${i}`)));
  const drained = performance.now() - d0;
  rows.push([
    'events/s draining a backlog',
    `${(backlog / (drained / 1000)).toFixed(0)} (${bridge.transactions - before} transactions)`,
    `${backlog} events queued while the bridge answered 500, drained after a ping`,
  ]);
  return rows;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

if (isMainThread) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
} else {
  // A rejection here fails the worker, which rejects the main thread's wait.
  const bridge = new Bridge();
  void bridge.start().then((url) => {
    parentPort!.once('message', (base: string) => {
      void drive(base, bridge).then((rows) => parentPort!.postMessage(rows));
    });
    parentPort!.postMessage(url);
  });
}
