import pino from 'pino';
import { DataSource } from 'typeorm';
import { InProcessAdapter, JobQueue } from '@switchboard/queue';
import { createScratchDatabase } from '@switchboard/storage/testing';
import { openBridgeStore } from '../db/bridge-store';
import { openStandaloneDatabase } from '../db/standalone-database';
import { PermanentBridgeError, RemoteRateLimited } from '../network.interface';
import { createBridgeQueue } from './bridge-queue';

const log = pino({ level: 'silent' });
const kinds = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const until = async (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10000) => {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(kinds)('BridgeQueue and BridgeStore on %s', (kind) => {
  let database: { dataSource: DataSource; close(): Promise<void> };
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let jobQueue: JobQueue;
  let bridgeId = 0;
  const fast = { baseMs: 20, maxMs: 40 };

  beforeAll(async () => {
    scratch = kind === 'postgres' ? await createScratchDatabase() : null;
    database = await openStandaloneDatabase({ url: scratch?.url ?? null, dataDir: null });
    await openBridgeStore(database.dataSource, 'migrate-first');
  }, 120000);
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  beforeEach(async () => {
    jobQueue = new InProcessAdapter();
    await jobQueue.start();
    bridgeId++;
  });
  afterEach(() => jobQueue.close());

  const queue = (maxAttempts = 3, jobs = jobQueue) =>
    createBridgeQueue({
      dataSource: database.dataSource,
      jobQueue: jobs,
      bridgeId: `b${bridgeId}`,
      maxAttempts,
      log,
      backoff: fast,
    });

  it('keeps one chat in order and runs chats side by side', async () => {
    const q = queue();
    const seen: string[] = [];
    q.handle('to-matrix', async (chat, payload) => {
      await new Promise((r) => setTimeout(r, chat === 'slow' ? 5 : 0));
      seen.push(`${chat}:${String(payload)}`);
    });
    await q.start();
    for (let i = 0; i < 10; i++) {
      await q.push('to-matrix', 'slow', i);
      await q.push('to-matrix', 'fast', i);
    }
    await until('all handled', () => seen.length === 20);
    const of = (chat: string) => seen.filter((s) => s.startsWith(`${chat}:`));
    expect(of('slow')).toEqual(Array.from({ length: 10 }, (_, i) => `slow:${i}`));
    expect(of('fast')).toEqual(Array.from({ length: 10 }, (_, i) => `fast:${i}`));
    // A handled item's row goes right after its handler returns.
    await until('the rows gone', async () => (await q.counts())['to-matrix'].pending === 0);
    expect(await q.counts()).toEqual({
      'to-matrix': { pending: 0, failed: 0 },
      'to-remote': { pending: 0, failed: 0 },
    });
    await q.stop();
  });

  it('survives a stop before the drain: a new queue on the same rows handles each item once', async () => {
    const first = queue();
    await first.pushMany(
      [1, 2, 3].map((n) => ({ direction: 'to-remote' as const, chat: 'c', payload: { n } })),
      { dedupeKey: 'txn-1' },
    );
    await first.stop();
    const jobs = new InProcessAdapter();
    await jobs.start();
    const second = queue(3, jobs);
    const seen: unknown[] = [];
    second.handle('to-remote', async (_chat, payload) => void seen.push(payload));
    await second.start();
    await until('replayed', () => seen.length === 3);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(
      await second.pushMany([{ direction: 'to-remote', chat: 'c', payload: { n: 4 } }], {
        dedupeKey: 'txn-1',
      }),
    ).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(3);
    await second.stop();
    await jobs.close();
  });

  it('retries with backoff, honours RemoteRateLimited, sets aside failures and can retry or drop them', async () => {
    const q = queue(2);
    const attempts = new Map<string, number>();
    const done: string[] = [];
    q.handle('to-remote', async (_chat, payload) => {
      const key = String(payload);
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      if (key === 'flaky' && n === 1) throw new Error('500 from the remote');
      if (key === 'limited' && n <= 2) throw new RemoteRateLimited(30);
      if (key === 'broken') throw new PermanentBridgeError('unknown channel');
      if (key === 'always') throw new Error('still down');
      done.push(key);
    });
    await q.start();
    for (const key of ['flaky', 'limited', 'broken', 'always', 'after'])
      await q.push('to-remote', 'chat', key);
    await until('the last item', () => done.includes('after'));
    expect(done).toEqual(['flaky', 'limited', 'after']);
    expect(attempts.get('limited')).toBe(3);
    expect(attempts.get('broken')).toBe(1);
    expect(attempts.get('always')).toBe(2);
    await until('the rows gone', async () => (await q.counts())['to-remote'].pending === 0);
    const failures = await q.failures();
    expect(failures.map((f) => [f.payload, f.attempts, f.lastError])).toEqual([
      ['broken', 1, 'unknown channel'],
      ['always', 2, 'still down'],
    ]);
    expect((await q.counts())['to-remote']).toEqual({ pending: 0, failed: 2 });
    expect(await q.dropFailed(failures[0].id)).toBe(true);
    expect(await q.dropFailed(failures[0].id)).toBe(false);
    expect(await q.retryFailed(failures[1].id)).toBe(true);
    await until('retried once more', () => attempts.get('always') === 4);
    await q.stop();
  });

  it('stores portals, ghosts, the message map, reactions, links and management rooms per bridge', async () => {
    const store = await openBridgeStore(database.dataSource, `s${bridgeId}`);
    const other = await openBridgeStore(database.dataSource, `other${bridgeId}`);
    const portal = {
      chatId: 'c1',
      roomId: '!r:hs',
      kind: 'channel' as const,
      parentChatId: 'g1',
      name: 'general',
      topic: null,
      avatarUrl: null,
      threadRootEventId: null,
      dmUser: null,
      createdAt: 5,
    };
    await store.portals.upsert(portal);
    await store.portals.upsert({ ...portal, name: 'renamed' });
    expect(await store.portals.get('c1')).toEqual({ ...portal, name: 'renamed' });
    expect(await store.portals.byRoom('!r:hs')).toHaveLength(1);
    expect(await other.portals.get('c1')).toBeNull();
    expect(await store.portals.count()).toBe(1);

    const row = {
      chatId: 'c1',
      remoteId: 'm1',
      part: 0,
      roomId: '!r:hs',
      eventId: '$e1',
      sender: '@g:hs',
      remoteSender: 'u1',
      threadRootEventId: null,
      fromMatrix: false,
      ts: 10,
    };
    expect(await store.messages.insert(row)).toBe(true);
    expect(await store.messages.insert(row)).toBe(false);
    await store.messages.insert({ ...row, part: 1, eventId: '$e2' });
    await store.messages.insert({ ...row, remoteId: 'm2', eventId: '$e3', ts: 20 });
    expect((await store.messages.byRemote('c1', 'm1')).map((m) => m.eventId)).toEqual(['$e1', '$e2']);
    expect(await store.messages.byEvent('$e3')).toEqual({ ...row, remoteId: 'm2', eventId: '$e3', ts: 20 });
    expect((await store.messages.last('c1'))?.remoteId).toBe('m2');
    await store.messages.deleteRemote('c1', 'm1');
    expect(await store.messages.byRemote('c1', 'm1')).toEqual([]);

    const reaction = {
      chatId: 'c1',
      targetRemoteId: 'm2',
      reactor: 'u1',
      key: '👍',
      eventId: '$r1',
      remoteReactionId: null,
      fromMatrix: false,
    };
    expect(await store.reactions.insert(reaction)).toBe(true);
    expect(await store.reactions.get('c1', 'm2', 'u1', '👍')).toEqual(reaction);
    await store.reactions.delete('$r1');
    expect(await store.reactions.byEvent('$r1')).toBeNull();

    await store.ghosts.upsert({
      remoteId: 'u1',
      mxid: '@g:hs',
      name: 'U',
      avatarUrl: null,
      avatarMxc: null,
      updatedAt: 1,
    });
    expect((await store.ghosts.byMxid('@g:hs'))?.remoteId).toBe('u1');
    await store.ghosts.setRoomName('u1', '!r:hs', 'Nick');
    expect(await store.ghosts.roomName('u1', '!r:hs')).toBe('Nick');

    await store.links.set('@alice:hs', 'u9');
    expect(await store.links.byRemote('u9')).toBe('@alice:hs');
    expect(await store.links.list()).toEqual([{ mxid: '@alice:hs', remoteId: 'u9' }]);
    await store.links.delete('@alice:hs');
    expect(await store.links.byMxid('@alice:hs')).toBeNull();

    await store.managementRooms.set('!dm:hs', '@alice:hs');
    expect(await store.managementRooms.get('!dm:hs')).toBe('@alice:hs');

    await expect(
      store.transaction(async (tx) => {
        await tx.portals.upsert({ ...portal, chatId: 'c2' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.portals.get('c2')).toBeNull();
  });
});
