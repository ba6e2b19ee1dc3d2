import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
// The design asks for this client to be tested against a real Switchboard; libs may not import
// apps, so this test-only import is the one exception (the lead may move the file under test/).
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import {
  createAppserviceServer,
  AppserviceServer,
  MatrixEvent,
  createHomeserverClient,
  HomeserverClient,
  MatrixApiError,
  buildRegistration,
  registrationYaml,
} from '@switchboard/bridge-kit';

const log = pino({ level: 'silent' });
const SERVER = 'test.local';
const BOT = `@testbot:${SERVER}`;
const GHOST = `@test_1:${SERVER}`;
const GHOST2 = `@test_2:${SERVER}`;

describe('createHomeserverClient against a real Switchboard', () => {
  let dir: string;
  let hs: TestHomeserver;
  let listener: AppserviceServer;
  let client: HomeserverClient;
  const received: MatrixEvent[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bridge-kit-matrix-'));
    const registration = buildRegistration({
      id: 'test',
      url: null,
      serverName: SERVER,
      botLocalpart: 'testbot',
      ghostTemplate: 'test_{id}',
      doublePuppet: false,
    });
    listener = createAppserviceServer({
      hsToken: registration.hs_token,
      handler: {
        onTransaction: async (_txnId, events) => {
          received.push(...events);
        },
        onUserQuery: async () => false,
        onAliasQuery: async () => false,
      },
      log,
    });
    const port = await listener.listen('127.0.0.1', 0);
    const file = join(dir, 'test.yaml');
    await writeFile(file, registrationYaml({ ...registration, url: `http://127.0.0.1:${port}` }));
    hs = await startTestHomeserver({ server_name: SERVER, app_service_config_files: [file] });
    client = createHomeserverClient({
      baseUrl: hs.baseUrl,
      asToken: registration.as_token,
      botMxid: BOT,
      log,
      appserviceId: 'test',
      publicBaseUrl: 'https://matrix.example.org/',
    });
  }, 60000);

  afterAll(async () => {
    await hs?.stop();
    await listener?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is the bot without user_id and a ghost with it, once registered (twice is fine)', async () => {
    expect(await client.whoami()).toBe(BOT);
    await client.ensureRegistered('test_1');
    await client.ensureRegistered('test_1');
    await client.ensureRegistered('test_2');
    expect(await client.whoami(GHOST)).toBe(GHOST);
  });

  it('pings the listener through the homeserver (which answers 502 unless the listener said 200)', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('sets and reads profiles, and uploads, downloads and links media', async () => {
    await client.setDisplayName(GHOST, 'Ghost One');
    const mxc = await client.uploadMedia(GHOST, Buffer.from('PNGDATA'), 'image/png', 'a b.png');
    expect(mxc).toMatch(/^mxc:\/\/test\.local\/.+/);
    await client.setAvatarUrl(GHOST, mxc);
    expect(await client.getProfile(GHOST)).toEqual({ displayname: 'Ghost One', avatar_url: mxc });
    expect(await client.getProfile(`@nobody:${SERVER}`)).toEqual({});
    const media = await client.downloadMedia(mxc);
    expect(media.data.toString()).toBe('PNGDATA');
    expect(media.mimetype).toBe('image/png');
    expect(client.publicMediaUrl(mxc)).toBe(
      `https://matrix.example.org/_matrix/media/v3/download/test.local/${mxc.split('/').pop()}`,
    );
  });

  it('creates rooms with aliases, invites, joins, sends idempotently, redacts, reads state and events', async () => {
    const roomId = await client.createRoom(BOT, {
      name: 'Portal',
      room_alias_name: 'test_portal',
      preset: 'private_chat',
      invite: [GHOST],
    });
    expect(await client.resolveAlias(`#test_portal:${SERVER}`)).toBe(roomId);
    expect(await client.resolveAlias(`#test_missing:${SERVER}`)).toBeNull();
    expect(await client.join(GHOST, `#test_portal:${SERVER}`)).toBe(roomId);
    await client.invite(BOT, roomId, GHOST2);
    await client.join(GHOST2, roomId);
    expect(Object.keys(await client.joinedMembers(roomId)).sort()).toEqual([BOT, GHOST, GHOST2].sort());

    const content = { msgtype: 'm.text', body: 'hello' };
    const eventId = await client.sendEvent(
      GHOST,
      roomId,
      'm.room.message',
      content,
      'sb.one',
      1_700_000_000_000,
    );
    expect(await client.sendEvent(GHOST, roomId, 'm.room.message', content, 'sb.one')).toBe(eventId);
    const event = await client.getEvent(roomId, eventId);
    expect(event).toMatchObject({ sender: GHOST, content, origin_server_ts: 1_700_000_000_000 });
    expect(await client.getEvent(roomId, `$${'A'.repeat(43)}`)).toBeNull();
    // The homeserver pushes the ghost's message to the listener in a transaction.
    await until(() => received.some((e) => e.event_id === eventId));

    await client.sendState(BOT, roomId, 'm.room.topic', '', { topic: 'bridged' });
    expect(await client.getState(roomId, 'm.room.topic', '')).toEqual({ topic: 'bridged' });
    expect(await client.getState(roomId, 'm.bridge', 'none')).toBeNull();

    await client.setTyping(GHOST, roomId, true, 5000);
    await client.setTyping(GHOST, roomId, false);
    await client.sendReadReceipt(GHOST2, roomId, eventId);
    const redaction = await client.redact(GHOST, roomId, eventId, 'sb.redact', 'deleted remotely');
    expect(await client.redact(GHOST, roomId, eventId, 'sb.redact')).toBe(redaction);
    expect((await client.getEvent(roomId, eventId))?.content).toEqual({});

    await client.kick(BOT, roomId, GHOST2, 'left remotely');
    await client.leave(GHOST, roomId);
    expect(Object.keys(await client.joinedMembers(roomId))).toEqual([BOT]);
  });

  it('turns refusals into MatrixApiError with the errcode', async () => {
    const error = await client.join(GHOST, '!nonexistent:test.local').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MatrixApiError);
    expect((error as MatrixApiError).errcode).toMatch(/^M_/);
    await expect(client.whoami(`@outside_namespace:${SERVER}`)).rejects.toMatchObject({ status: 403 });
  });
});

describe('createHomeserverClient retries', () => {
  let server: Server;
  let base: string;
  let answers: Array<{ status: number; body: object }>;
  let seen: string[];

  beforeEach(async () => {
    answers = [];
    seen = [];
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      const next = answers.shift() ?? { status: 200, body: { user_id: '@bot:x' } };
      res.writeHead(next.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(next.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = (url = base) =>
    createHomeserverClient({
      baseUrl: url,
      asToken: 'as',
      botMxid: '@bot:x',
      log,
      retry: { attempts: 3, baseMs: 1 },
    });

  it('waits out 429 M_LIMIT_EXCEEDED and 5xx, then succeeds', async () => {
    answers = [
      { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 20 } },
      { status: 502, body: {} },
    ];
    const started = Date.now();
    expect(await client().whoami('@ghost:x')).toBe('@bot:x');
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBe('GET /_matrix/client/v3/account/whoami?user_id=%40ghost%3Ax Bearer as');
  });

  it('gives up after the attempts with the last error', async () => {
    answers = Array.from({ length: 5 }, () => ({
      status: 500,
      body: { errcode: 'M_UNKNOWN', error: 'boom' },
    }));
    await expect(client().whoami()).rejects.toMatchObject({ status: 500, errcode: 'M_UNKNOWN' });
    expect(seen).toHaveLength(4);
  });

  it('does not retry other errors, and keeps retry_after_ms on the error', async () => {
    answers = [{ status: 403, body: { errcode: 'M_FORBIDDEN', error: 'no' } }];
    await expect(client().whoami()).rejects.toEqual(new MatrixApiError(403, 'M_FORBIDDEN', 'no'));
    expect(seen).toHaveLength(1);
    answers = [{ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 3_600_000 } }];
    await expect(client().whoami()).rejects.toMatchObject({
      errcode: 'M_LIMIT_EXCEEDED',
      retryAfterMs: 3_600_000,
    });
  });

  it('retries network failures and then reports them', async () => {
    await expect(client('http://127.0.0.1:1').whoami()).rejects.toMatchObject({
      status: 0,
      errcode: 'M_CONNECTION_FAILED',
    });
  });

  it('omits user_id for the bot and treats M_USER_IN_USE as registered', async () => {
    answers = [{ status: 400, body: { errcode: 'M_USER_IN_USE', error: 'taken' } }];
    await client().ensureRegistered('ghost');
    expect(seen).toEqual(['POST /_matrix/client/v3/register Bearer as']);
  });
});

async function until(check: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
