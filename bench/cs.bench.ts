/**
 * Client-server benchmark (bench/README.md): a real homeserver in this process on PostgreSQL
 * (BENCH_DATABASE_URL, default the local test server) or the embedded PGlite (BENCH_DATABASE_URL=embedded),
 * driven over HTTP by plain fetch from a worker thread, so that the clients' own work does not
 * run on the server's event loop (real clients are other machines).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { startHomeserver } from '../apps/homeserver/src/start-homeserver';
import { call, ms, percentile, register } from './support/bench-client';
import { scratchDatabase } from './support/scratch-database';

async function main(): Promise<void> {
  const dbUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const scratch =
    dbUrl === 'embedded' ? null : await scratchDatabase(dbUrl, `switchboard_bench_${Date.now()}`);
  const databaseUrl = scratch?.url ?? null;
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  const config = testConfig({
    data_dir: dataDir,
    database: { url: databaseUrl },
    rate_limiting: { enabled: false },
    ...(process.env.BENCH_NO_FEDERATION ? { federation: { enabled: false } } : {}),
  });
  const hs = await startHomeserver(config, createLogger('warn'));
  const base = `http://127.0.0.1:${hs.addresses[0].port}`;
  let rows: Row[];
  try {
    rows = await inWorker(base);
  } finally {
    await hs.close();
    await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
  process.stdout.write(`database: ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}\n`);
  for (const [what, result, how] of rows) process.stdout.write(`| ${what} | ${result} | ${how} |\n`);
}

/** Runs the clients (drive) in a worker thread against `base`; resolves with its table rows. */
function inWorker(base: string): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { base } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
}

type Row = [string, string, string];

/** Every measurement, over HTTP against the homeserver at `base`. */
async function drive(base: string): Promise<Row[]> {
  const rows: Row[] = [];
  const alice = await register(base, 'alice');
  const bob = await register(base, 'bob');
  const { room_id: roomId } = await call(base, 'POST', '/_matrix/client/v3/createRoom', alice.token, {
    preset: 'public_chat',
  });
  await call(base, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId as string)}`, bob.token, {});
  let txn = 0;
  const send = (token: string, room: string, body: string) =>
    call(
      base,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/send/m.room.message/t${txn++}`,
      token,
      {
        msgtype: 'm.text',
        body,
      },
    );

  // PUT /send latency, one at a time.
  const sendTimes: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await send(alice.token, roomId as string, `latency ${i}`);
    sendTimes.push(performance.now() - t);
  }
  sendTimes.sort((a, b) => a - b);
  rows.push([
    'PUT /send latency',
    `p50 ${ms(percentile(sendTimes, 50))}, p99 ${ms(percentile(sendTimes, 99))}`,
    '500 sequential sends, one client',
  ]);

  // Send to delivered in bob's long-polling /sync.
  let since = (await call(base, 'GET', '/_matrix/client/v3/sync?timeout=0', bob.token)).next_batch as string;
  const delivery: number[] = [];
  for (let i = 0; i < 200; i++) {
    const waiting = call(base, 'GET', `/_matrix/client/v3/sync?timeout=30000&since=${since}`, bob.token);
    await new Promise((r) => setTimeout(r, 2));
    const t = performance.now();
    await send(alice.token, roomId as string, `delivery ${i}`);
    const res = await waiting;
    delivery.push(performance.now() - t);
    since = res.next_batch as string;
  }
  delivery.sort((a, b) => a - b);
  rows.push([
    "send to delivered in another user's /sync",
    `p50 ${ms(percentile(delivery, 50))}, p99 ${ms(percentile(delivery, 99))}`,
    '200 sends, bob long-polling',
  ]);

  // Throughput: 16 concurrent senders into one room, then across 20 rooms.
  const throughput = async (rooms: string[], total: number) => {
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          const i = next++;
          await send(alice.token, rooms[i % rooms.length], `load ${i}`);
        }
      }),
    );
    return total / ((performance.now() - t) / 1000);
  };
  rows.push([
    'sends/s into one room',
    (await throughput([roomId as string], 2000)).toFixed(0),
    '2,000 sends, 16 concurrent senders',
  ]);
  const many: string[] = [];
  for (let i = 0; i < 20; i++) {
    many.push(
      (await call(base, 'POST', '/_matrix/client/v3/createRoom', alice.token, { preset: 'public_chat' }))
        .room_id as string,
    );
  }
  rows.push([
    'sends/s across 20 rooms',
    (await throughput(many, 2000)).toFixed(0),
    '2,000 sends, 16 concurrent senders',
  ]);

  // Initial /sync for a user in 100 rooms.
  const carol = await register(base, 'carol');
  for (let i = 0; i < 100; i++) {
    const { room_id } = await call(base, 'POST', '/_matrix/client/v3/createRoom', carol.token, {
      preset: 'private_chat',
      name: `room ${i}`,
    });
    await send(carol.token, room_id as string, 'hello');
  }
  const initial: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await call(base, 'GET', '/_matrix/client/v3/sync?timeout=0', carol.token);
    initial.push(performance.now() - t);
  }
  initial.sort((a, b) => a - b);
  rows.push([
    'initial /sync, user in 100 rooms',
    `p50 ${ms(percentile(initial, 50))}`,
    '10 calls, timeline limit 10',
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
  void drive((workerData as { base: string }).base).then((rows) => parentPort!.postMessage(rows));
}
