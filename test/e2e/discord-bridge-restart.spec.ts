import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { createScratchDatabase } from '@switchboard/storage/testing';
import { RunningHomeserver, startHomeserver } from '../../apps/homeserver/src/start-homeserver';
import { FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord';
import { bridgeConnected, DISCORD, seedFakeDiscord, writeDiscordYaml } from '../support/discord-bridge';
import { Json } from '../support/http';
import { MatrixUser } from '../support/matrix-user';
import { freePort } from '../support/network';
import { until } from '../support/until';

/**
 * "Restart the homeserver while Discord messages arrive: none lost, none duplicated." Messages are
 * sent before, during and after a restart; the ones sent while the bridge is down reach it by the
 * catch-up it runs on reconnect, and the message map plus txn IDs keep everything single.
 */
const { channel: CHANNEL, bob: BOB } = DISCORD;

describe('Discord bridge across a homeserver restart', () => {
  let fake: FakeDiscord;
  let dir: string;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let port: number;
  let server: RunningHomeserver | null = null;

  async function start(): Promise<RunningHomeserver> {
    const base = testConfig();
    const config = testConfig({
      data_dir: join(dir, 'data'),
      bridges_dir: join(dir, 'bridges'),
      listeners: [{ ...base.listeners[0], port }],
      ...(scratch ? { database: { url: scratch.url } } : {}),
    });
    const hs = await startHomeserver(config, createLogger('silent'));
    await bridgeConnected(`http://127.0.0.1:${port}`, until);
    return hs;
  }

  beforeAll(async () => {
    fake = await startFakeDiscord();
    seedFakeDiscord(fake);
    dir = await mkdtemp(join(tmpdir(), 'switchboard-discord-restart-'));
    await writeDiscordYaml(join(dir, 'bridges'), fake);
    scratch = process.env.TEST_DATABASE_URL ? await createScratchDatabase() : null;
    port = await freePort();
  });

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    await scratch?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('bridges every message exactly once', async () => {
    server = await start();
    const alice = await MatrixUser.register(`http://127.0.0.1:${port}`, 'alice');
    const alias = encodeURIComponent(`#discord_${CHANNEL}:test.local`);
    const { room_id: roomId } = (await until('the portal', async () => {
      const res = await alice.request('GET', `/directory/room/${alias}`);
      return res.status === 200 ? res.body : null;
    })) as { room_id: string };
    await alice.ok('POST', `/join/${encodeURIComponent(roomId)}`, {});

    const sent: string[] = [];
    const say = (n: number) => {
      sent.push(`message ${n}`);
      fake.userSays(CHANNEL, BOB, `message ${n}`);
    };
    for (let n = 0; n < 5; n++) say(n);
    const stopping = server.close();
    for (let n = 5; n < 10; n++) {
      say(n);
      await new Promise((r) => setTimeout(r, 20));
    }
    await stopping;
    server = null;
    for (let n = 10; n < 15; n++) say(n);
    server = await start();
    for (let n = 15; n < 20; n++) say(n);

    const bodies = async (): Promise<string[]> => {
      const res = (await alice.ok(
        'GET',
        `/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=200`,
      )) as { chunk: Json[] };
      return res.chunk
        .filter((e) => e.type === 'm.room.message' && e.sender === `@discord_${BOB}:test.local`)
        .map((e) => String((e.content as { body: string }).body));
    };
    await until('all twenty messages', async () => (await bodies()).length >= sent.length, 60000);
    await new Promise((r) => setTimeout(r, 500));
    const seen = await bodies();
    expect([...seen].sort()).toEqual([...sent].sort());
  }, 120000);
});
