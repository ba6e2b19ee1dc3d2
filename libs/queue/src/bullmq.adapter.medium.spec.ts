import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { BullmqAdapter } from './bullmq.adapter';
import { deferred, describeQueueContract, sleep, until } from './queue.contract';
import { QueueOptions } from './queue.port';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `sb-test-queue-${randomUUID()}`;

async function deleteKeys(): Promise<void> {
  const redis = new IORedis(url);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<
      string[]
    >) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}

describeQueueContract('bullmq', async () => new BullmqAdapter({ url, prefix }), deleteKeys);

describe('BullmqAdapter across a worker restart', () => {
  const options: QueueOptions = { concurrency: 2, attempts: 3, backoff: { baseMs: 20, maxMs: 1000 } };
  const open: BullmqAdapter[] = [];
  const adapter = (): BullmqAdapter => {
    const created = new BullmqAdapter({ url, prefix });
    open.push(created);
    return created;
  };
  let gate = deferred();
  beforeEach(() => {
    gate = deferred();
  });
  afterEach(async () => {
    // A failed assertion must not leave close() waiting for the gated job.
    gate.resolve();
    await Promise.all(open.splice(0).map((queue) => queue.close()));
  });
  afterAll(deleteKeys);

  it('runs jobs enqueued by a process that never consumed, keyed, unkeyed and delayed', async () => {
    const producer = adapter();
    producer.define('restart-1', async () => undefined, options);
    await producer.enqueue('restart-1', 'plain');
    await producer.enqueue('restart-1', 'keyed', { key: 'k' });
    await producer.enqueue('restart-1', 'delayed', { delayMs: 100 });
    await producer.close();

    const seen: string[] = [];
    const consumer = adapter();
    consumer.define<string>('restart-1', async (job) => void seen.push(job.data), options);
    await consumer.start();
    await until(() => seen.length === 3);
    expect(seen.sort()).toEqual(['delayed', 'keyed', 'plain']);
  });

  it('hands the rest of a key to the next worker after closing mid-job, in order, without rerunning', async () => {
    const first: string[] = [];
    const before = adapter();
    before.define<string>(
      'restart-2',
      async (job) => {
        first.push(job.data);
        await gate.promise;
      },
      options,
    );
    await before.start();
    for (const data of ['a', 'b', 'c']) await before.enqueue('restart-2', data, { key: 'dest' });
    await until(() => first.length === 1);
    const closed = before.close();
    await sleep(20);
    gate.resolve();
    await closed;
    expect(first).toEqual(['a']);

    const second: string[] = [];
    const after = adapter();
    after.define<string>('restart-2', async (job) => void second.push(job.data), options);
    await after.start();
    await until(() => second.length === 2);
    expect(second).toEqual(['b', 'c']);
  });

  it('keeps the attempt count and backoff of a job across a restart', async () => {
    const before = adapter();
    let failedOnce = false;
    before.define(
      'restart-3',
      async () => {
        failedOnce = true;
        throw new Error('first attempt fails');
      },
      { ...options, backoff: { baseMs: 200, maxMs: 200 } },
    );
    await before.start();
    await before.enqueue('restart-3', null, { jobId: 'kept' });
    await until(() => failedOnce);
    await before.close();

    const attempts: number[] = [];
    const after = adapter();
    after.define('restart-3', async (job) => void attempts.push(job.attempt), options);
    await after.start();
    await until(() => attempts.length === 1);
    expect(attempts).toEqual([2]);
    expect(await after.failed('restart-3')).toEqual([]);
  });

  it('answers ping while Redis is up', async () => {
    expect(await adapter().ping()).toBe(true);
  });
});
