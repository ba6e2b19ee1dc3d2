import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { describeNotifierContract } from './notifier.contract';
import { RedisNotifier } from './redis.notifier';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `sb-test-notifier-${randomUUID()}`;

async function deleteKeys(): Promise<void> {
  const redis = new IORedis(url);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

describeNotifierContract('redis', () => RedisNotifier.connect({ url, prefix }), deleteKeys);

describe('RedisNotifier across processes', () => {
  const open: RedisNotifier[] = [];
  const notifier = async (): Promise<RedisNotifier> => {
    const created = await RedisNotifier.connect({ url, prefix });
    open.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((n) => n.close()));
  });
  afterAll(deleteKeys);

  it('wakes a waiter in one process when another publishes', async () => {
    const [waiter, publisher] = [await notifier(), await notifier()];
    const waiting = waiter.waitFor('!room:a', 0, 5000);
    await publisher.publish('!room:a', 1);
    expect(await waiting).toBe(1);
  });

  it('gives a process that starts late the latest positions', async () => {
    await (await notifier()).publish('!room:b', 12);
    const late = await notifier();
    expect(await late.latest('!room:b')).toBe(12);
    expect(await late.waitFor('!room:b', 3, 5000)).toBe(12);
  });

  it('keeps the highest position when processes publish out of order', async () => {
    const [a, b] = [await notifier(), await notifier()];
    await a.publish('!room:c', 8);
    await b.publish('!room:c', 6);
    expect(await b.latest('!room:c')).toBe(8);
    expect(await (await notifier()).latest('!room:c')).toBe(8);
  });

  it('fails to connect with a clear error when Redis does not answer', async () => {
    await expect(RedisNotifier.connect({ url: 'redis://127.0.0.1:1', prefix }, 200)).rejects.toThrow(
      /did not answer/,
    );
  });
});
