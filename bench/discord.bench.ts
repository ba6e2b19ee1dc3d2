/**
 * Discord bridge benchmark (bench/README.md): a real homeserver in this process (PostgreSQL at
 * BENCH_DATABASE_URL, default the local test server, or BENCH_DATABASE_URL=embedded for PGlite)
 * running the built-in Discord bridge against the fake Discord of test/fakes/discord, also in this
 * process. Discord -> Matrix: from the fake dispatching MESSAGE_CREATE to a Matrix user's /sync
 * returning the event. Matrix -> Discord: from the user's PUT /send to the fake storing the
 * webhook's message. Latency one message at a time; throughput with 200 in flight.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { startHomeserver } from '../apps/homeserver/src/start-homeserver';
import { startFakeDiscord } from '../test/fakes/discord/fake-discord';
import { DISCORD, discordGhost, seedFakeDiscord, writeDiscordYaml } from '../test/support/discord-bridge';
import { call, Json, ms, percentile, register } from './support/bench-client';
import { scratchDatabase } from './support/scratch-database';

const until = async (what: string, probe: () => Promise<boolean>, timeoutMs = 60000) => {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function main(): Promise<void> {
  const dbUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const scratch =
    dbUrl === 'embedded' ? null : await scratchDatabase(dbUrl, `switchboard_bench_${Date.now()}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  const fake = await startFakeDiscord();
  seedFakeDiscord(fake);
  const config = testConfig({
    data_dir: dataDir,
    database: { url: scratch?.url ?? null },
    rate_limiting: { enabled: false },
    bridges_dir: await writeDiscordYaml(join(dataDir, 'bridges'), fake),
  });
  const hs = await startHomeserver(config, createLogger('warn'));
  const base = `http://127.0.0.1:${hs.addresses[0].port}`;
  try {
    await until('the bridge', async () => {
      const health = (await (await fetch(`${base}/health`)).json()) as { bridges: { state: string }[] };
      return health.bridges[0]?.state === 'CONNECTED';
    });
    const alice = await register(base, 'alice');
    const alias = encodeURIComponent(`#discord_${DISCORD.channel}:test.local`);
    let roomId = '';
    await until('the portal', async () => {
      const res = await fetch(`${base}/_matrix/client/v3/directory/room/${alias}`);
      roomId = res.ok ? (((await res.json()) as Json).room_id as string) : '';
      return roomId !== '';
    });
    await call(base, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, alice.token, {});
    const seen = followSync(base, alice.token, roomId);

    const rows: [string, string, string][] = [];
    // Discord -> Matrix, one at a time.
    const d2m: number[] = [];
    for (let i = 0; i < 200; i++) {
      const body = `d2m ${i}`;
      const t = performance.now();
      fake.userSays(DISCORD.channel, DISCORD.bob, body);
      d2m.push((await seen.arrival(body)) - t);
    }
    d2m.sort((a, b) => a - b);
    rows.push([
      'Discord -> Matrix latency, one at a time (200)',
      `p50 ${ms(percentile(d2m, 50))}, p95 ${ms(percentile(d2m, 95))}`,
      'MESSAGE_CREATE dispatched -> the event in /sync',
    ]);
    // Discord -> Matrix, a burst.
    let t = performance.now();
    for (let i = 0; i < 500; i++) fake.userSays(DISCORD.channel, DISCORD.bob, `burst ${i}`);
    await seen.arrival('burst 499');
    rows.push([
      'Discord -> Matrix throughput (500 sent at once)',
      `${Math.round(500 / ((performance.now() - t) / 1000))} msg/s`,
      'first dispatch -> last event in /sync',
    ]);

    // Matrix -> Discord, one at a time.
    let txn = 0;
    const send = (body: string) =>
      call(
        base,
        'PUT',
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/b${txn++}`,
        alice.token,
        { msgtype: 'm.text', body },
      );
    const inDiscord = (body: string) => fake.messages(DISCORD.channel).some((m) => m.content === body);
    const m2d: number[] = [];
    for (let i = 0; i < 200; i++) {
      const body = `m2d ${i}`;
      const start = performance.now();
      await send(body);
      while (!inDiscord(body)) await new Promise((r) => setImmediate(r));
      m2d.push(performance.now() - start);
    }
    m2d.sort((a, b) => a - b);
    rows.push([
      'Matrix -> Discord latency, one at a time (200)',
      `p50 ${ms(percentile(m2d, 50))}, p95 ${ms(percentile(m2d, 95))}`,
      'PUT /send -> webhook message stored by the fake',
    ]);
    t = performance.now();
    await Promise.all(Array.from({ length: 500 }, (_, i) => send(`mburst ${i}`)));
    await until(
      'the burst in Discord',
      async () =>
        inDiscord('mburst 499') &&
        fake.messages(DISCORD.channel).filter((m) => String(m.content).startsWith('mburst ')).length === 500,
      120000,
    );
    rows.push([
      'Matrix -> Discord throughput (500 sent at once)',
      `${Math.round(500 / ((performance.now() - t) / 1000))} msg/s`,
      'first PUT /send -> 500th webhook message',
    ]);
    seen.stop();
    process.stdout.write(
      `database: ${scratch ? 'PostgreSQL' : 'embedded PGlite'}; ghost ${discordGhost(DISCORD.bob)}\n`,
    );
    for (const [what, result, how] of rows) process.stdout.write(`| ${what} | ${result} | ${how} |\n`);
  } finally {
    await hs.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

/** A /sync loop noting when each message body first shows up in the room. */
function followSync(base: string, token: string, roomId: string) {
  const arrived = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  let running = true;
  void (async () => {
    let since = '';
    while (running) {
      const res = await call(
        base,
        'GET',
        `/_matrix/client/v3/sync?timeout=5000${since ? `&since=${since}` : ''}`,
        token,
      );
      since = res.next_batch as string;
      const now = performance.now();
      const room = ((res.rooms as Json | undefined)?.join as Record<string, Json> | undefined)?.[roomId];
      for (const event of ((room?.timeline as Json | undefined)?.events as Json[] | undefined) ?? []) {
        const body = (event.content as Json | undefined)?.body;
        if (typeof body !== 'string' || arrived.has(body)) continue;
        arrived.set(body, now);
        waiters.get(body)?.(now);
        waiters.delete(body);
      }
    }
  })();
  return {
    arrival: (body: string) =>
      arrived.has(body)
        ? Promise.resolve(arrived.get(body)!)
        : new Promise<number>((resolve) => waiters.set(body, resolve)),
    stop: () => {
      running = false;
    },
  };
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
