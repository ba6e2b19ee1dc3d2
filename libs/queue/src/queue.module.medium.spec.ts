import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import IORedis from 'ioredis';
import { BullmqAdapter } from './bullmq.adapter';
import { InProcessAdapter } from './in-process.adapter';
import { InProcessNotifier } from './in-process.notifier';
import { NOTIFIER, Notifier } from './notifier.port';
import { deferred, until } from './queue.contract';
import { QueueModule } from './queue.module';
import { JOB_QUEUE, JobQueue, QUEUE_HEALTH, QueueHealth } from './queue.port';
import { RedisNotifier } from './redis.notifier';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `sb-test-module-${randomUUID()}`;
const options = { concurrency: 1, attempts: 1, backoff: { baseMs: 20, maxMs: 20 } };

async function compile(redisUrl: string | null) {
  const moduleRef = await Test.createTestingModule({
    imports: [QueueModule.forRoot({ redisUrl, prefix })],
  }).compile();
  return {
    moduleRef,
    queue: moduleRef.get<JobQueue>(JOB_QUEUE),
    health: moduleRef.get<QueueHealth>(QUEUE_HEALTH),
    notifier: moduleRef.get<Notifier>(NOTIFIER),
  };
}

describe('QueueModule', () => {
  let gate = deferred();
  beforeEach(() => {
    gate = deferred();
  });
  afterEach(() => gate.resolve());
  afterAll(async () => {
    const redis = new IORedis(url);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('provides the in-process adapters when redisUrl is null', async () => {
    const { moduleRef, queue, health, notifier } = await compile(null);
    expect(queue).toBeInstanceOf(InProcessAdapter);
    expect(health).toBe(queue);
    expect(health.kind).toBe('in-process');
    expect(await health.ping()).toBe(true);
    expect(notifier).toBeInstanceOf(InProcessNotifier);
    await moduleRef.close();
  });

  it('provides BullMQ and the Redis notifier for a Redis URL, and closes them with the application', async () => {
    const { moduleRef, queue, health, notifier } = await compile(url);
    expect(queue).toBeInstanceOf(BullmqAdapter);
    expect(health.kind).toBe('redis');
    expect(await health.ping()).toBe(true);
    expect(notifier).toBeInstanceOf(RedisNotifier);

    let started = false;
    let finished = false;
    queue.define(
      'module',
      async () => {
        started = true;
        await gate.promise;
        finished = true;
      },
      options,
    );
    await queue.start();
    await queue.enqueue('module', null);
    await until(() => started);
    const waiting = notifier.waitFor('stream', 0, 10_000);
    const closing = moduleRef.close();
    expect(await waiting).toBe(0);
    gate.resolve();
    await closing;
    expect(finished).toBe(true);
  });
});
