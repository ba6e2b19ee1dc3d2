import { Job, JobQueue, QueueOptions } from './queue.port';

/**
 * The conformance suite every JobQueue adapter passes. Timing checks are loose on purpose (CI machines are
 * slow and BullMQ goes through Redis): they tell "waited" from "did not wait", never milliseconds apart.
 */
export function describeQueueContract(
  adapter: string,
  makeQueue: () => Promise<JobQueue>,
  cleanup: () => Promise<void>,
): void {
  describe(`JobQueue contract: ${adapter}`, () => {
    const open: JobQueue[] = [];
    const gates: (() => void)[] = [];
    /** A deferred that afterEach resolves too, so a failed assertion cannot leave close() waiting on a job. */
    const newGate = (): ReturnType<typeof deferred> => {
      const created = deferred();
      gates.push(created.resolve);
      return created;
    };
    let queueNumber = 0;
    const fresh = async (): Promise<{ queue: JobQueue; name: string }> => {
      const queue = await makeQueue();
      open.push(queue);
      return { queue, name: `contract-${++queueNumber}` };
    };
    const options = (overrides: Partial<QueueOptions> = {}): QueueOptions => ({
      concurrency: 4,
      attempts: 3,
      backoff: { baseMs: 20, maxMs: 1000 },
      ...overrides,
    });

    afterEach(async () => {
      gates.splice(0).forEach((release) => release());
      await Promise.all(open.splice(0).map((queue) => queue.close()));
    });
    afterAll(cleanup);

    it('runs a job with its id, data and attempt 1', async () => {
      const { queue, name } = await fresh();
      const seen: Job<{ n: number }>[] = [];
      queue.define<{ n: number }>(name, async (job) => void seen.push(job), options());
      await queue.start();
      const result = await queue.enqueue(name, { n: 1 }, { jobId: 'job-1' });
      expect(result).toEqual({ id: 'job-1', enqueued: true });
      await until(() => seen.length === 1);
      expect(seen[0]).toEqual({ id: 'job-1', data: { n: 1 }, attempt: 1 });
      await until(async () => (await queue.counts(name)).waiting + (await queue.counts(name)).active === 0);
    });

    it('runs jobs enqueued before start() once it is called', async () => {
      const { queue, name } = await fresh();
      const seen: number[] = [];
      queue.define<number>(name, async (job) => void seen.push(job.data), options());
      const { id } = await queue.enqueue(name, 7);
      expect(typeof id).toBe('string');
      await sleep(50);
      expect(seen).toEqual([]);
      await queue.start();
      await until(() => seen.length === 1);
      expect(seen).toEqual([7]);
    });

    it('runs each job once however many consumers call start()', async () => {
      const { queue, name } = await fresh();
      const seen: number[] = [];
      queue.define<number>(name, async (job) => void seen.push(job.data), options({ concurrency: 4 }));
      await queue.start();
      await queue.start();
      for (let n = 0; n < 5; n++) await queue.enqueue(name, n);
      await until(() => seen.length === 5);
      await sleep(50);
      expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    });

    it('rejects an enqueue on an undefined queue and a bad definition', async () => {
      const { queue, name } = await fresh();
      await expect(queue.enqueue(name, 1)).rejects.toThrow(/not defined/);
      expect(() => queue.define('a:b', async () => undefined, options())).toThrow(/name/);
      expect(() => queue.define(name, async () => undefined, options({ concurrency: 0 }))).toThrow(
        /concurrency/,
      );
    });

    it('does not enqueue an id twice while it is pending or running, and takes it again once done', async () => {
      const { queue, name } = await fresh();
      const gate = newGate();
      const runs: string[] = [];
      queue.define<string>(
        name,
        async (job) => {
          runs.push(job.data);
          if (job.data === 'first') await gate.promise;
        },
        options(),
      );
      expect((await queue.enqueue(name, 'first', { jobId: 'same' })).enqueued).toBe(true);
      expect(await queue.enqueue(name, 'pending duplicate', { jobId: 'same' })).toEqual({
        id: 'same',
        enqueued: false,
      });
      await queue.start();
      await until(() => runs.length === 1);
      expect((await queue.enqueue(name, 'running duplicate', { jobId: 'same' })).enqueued).toBe(false);
      gate.resolve();
      await until(async () => (await queue.counts(name)).active === 0 && runs.length === 1);
      await until(async () => (await queue.enqueue(name, 'again', { jobId: 'same' })).enqueued);
      await until(() => runs.length === 2);
      expect(runs).toEqual(['first', 'again']);
    });

    it('runs jobs with the same key one at a time in enqueue order', async () => {
      const { queue, name } = await fresh();
      const order: Record<string, number[]> = { a: [], b: [] };
      const running: Record<string, number> = { a: 0, b: 0 };
      let overlap = false;
      queue.define<{ key: string; n: number }>(
        name,
        async ({ data }) => {
          if (++running[data.key] > 1) overlap = true;
          await sleep(Math.random() * 15);
          order[data.key].push(data.n);
          running[data.key]--;
        },
        options({ concurrency: 4 }),
      );
      await queue.start();
      for (let n = 0; n < 15; n++) {
        for (const key of ['a', 'b']) await queue.enqueue(name, { key, n }, { key });
      }
      const all = [...Array(15).keys()];
      await until(() => order.a.length === 15 && order.b.length === 15, 10_000);
      expect(order).toEqual({ a: all, b: all });
      expect(overlap).toBe(false);
    });

    it('runs jobs with different keys in parallel', async () => {
      const { queue, name } = await fresh();
      const gate = newGate();
      let started = 0;
      queue.define<string>(
        name,
        async () => {
          started++;
          await gate.promise;
        },
        options({ concurrency: 3 }),
      );
      await queue.start();
      for (const key of ['x', 'y', 'z']) await queue.enqueue(name, key, { key });
      await until(() => started === 3);
      gate.resolve();
    });

    it('never runs more jobs at once than the concurrency', async () => {
      const { queue, name } = await fresh();
      let running = 0;
      let peak = 0;
      let done = 0;
      queue.define(
        name,
        async () => {
          peak = Math.max(peak, ++running);
          await sleep(25);
          running--;
          done++;
        },
        options({ concurrency: 2 }),
      );
      await queue.start();
      for (let i = 0; i < 8; i++) await queue.enqueue(name, i);
      await until(() => done === 8, 10_000);
      expect(peak).toBe(2);
    });

    it('reports waiting, active and failed counts', async () => {
      const { queue, name } = await fresh();
      const gate = newGate();
      queue.define(name, () => gate.promise, options({ concurrency: 1 }));
      await queue.start();
      for (let i = 0; i < 3; i++) await queue.enqueue(name, i);
      await until(async () => (await queue.counts(name)).active === 1);
      expect(await queue.counts(name)).toEqual({ waiting: 2, active: 1, failed: 0 });
      gate.resolve();
      await until(async () => isDeepEqual(await queue.counts(name), { waiting: 0, active: 0, failed: 0 }));
    });

    it('retries a throwing job with growing delays and moves it to the failed set after the cap', async () => {
      const { queue, name } = await fresh();
      const attempts: { attempt: number; at: number }[] = [];
      queue.define(
        name,
        async (job) => {
          attempts.push({ attempt: job.attempt, at: Date.now() });
          throw new Error(`boom ${job.attempt}`);
        },
        options({ attempts: 4, backoff: { baseMs: 40, maxMs: 10_000 } }),
      );
      await queue.start();
      await queue.enqueue(name, { n: 1 }, { jobId: 'thrower' });
      await until(async () => (await queue.failed(name)).length === 1, 10_000);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
      const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].at);
      // Expected 40, 80, 160 ms: each at least its delay (less timer slack), and the last clearly the longest.
      [40, 80, 160].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 5));
      expect(gaps[2]).toBeGreaterThan(gaps[0]);
      const [failed] = await queue.failed(name);
      expect(failed).toMatchObject({ id: 'thrower', data: { n: 1 }, attempts: 4, error: 'boom 4' });
      expect(typeof failed.failedAt).toBe('number');
      expect(await queue.counts(name)).toEqual({ waiting: 0, active: 0, failed: 1 });
      await sleep(100);
      expect(attempts).toHaveLength(4);
    });

    it('caps the backoff at maxMs', async () => {
      const { queue, name } = await fresh();
      const at: number[] = [];
      queue.define(
        name,
        async () => {
          at.push(Date.now());
          throw new Error('always');
        },
        options({ attempts: 6, backoff: { baseMs: 20, maxMs: 30 } }),
      );
      await queue.start();
      await queue.enqueue(name, null);
      await until(async () => (await queue.failed(name)).length === 1, 10_000);
      // Uncapped, the last gap would be 320 ms.
      const gaps = at.slice(1).map((t, i) => t - at[i]);
      expect(Math.max(...gaps)).toBeLessThan(250);
    });

    it('stops retrying once a job succeeds', async () => {
      const { queue, name } = await fresh();
      const attempts: number[] = [];
      queue.define(
        name,
        async (job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error('not yet');
        },
        options({ attempts: 5 }),
      );
      await queue.start();
      await queue.enqueue(name, null);
      await until(() => attempts.length === 3);
      await until(async () => (await queue.counts(name)).active === 0);
      await sleep(100);
      expect(attempts).toEqual([1, 2, 3]);
      expect(await queue.failed(name)).toEqual([]);
    });

    it('holds back the jobs of a key while its head retries, and moves on after it fails for good', async () => {
      const { queue, name } = await fresh();
      const log: string[] = [];
      queue.define<string>(
        name,
        async (job) => {
          log.push(`${job.data}#${job.attempt}`);
          if (job.data === 'flaky' && job.attempt < 2) throw new Error('flaky');
          if (job.data === 'broken') throw new Error('broken');
        },
        options({ attempts: 2 }),
      );
      await queue.start();
      for (const data of ['flaky', 'broken', 'last'])
        await queue.enqueue(name, data, { key: 'dest', jobId: data });
      await until(() => log.includes('last#1'), 10_000);
      expect(log).toEqual(['flaky#1', 'flaky#2', 'broken#1', 'broken#2', 'last#1']);
      expect(await queue.failed(name)).toMatchObject([
        { id: 'broken', key: 'dest', attempts: 2, error: 'broken' },
      ]);
    });

    it('does not run a delayed job before its delay', async () => {
      const { queue, name } = await fresh();
      const ranAt: number[] = [];
      queue.define(name, async () => void ranAt.push(Date.now()), options());
      await queue.start();
      const enqueuedAt = Date.now();
      await queue.enqueue(name, 'later', { delayMs: 200 });
      await queue.enqueue(name, 'now');
      await until(() => ranAt.length === 2, 10_000);
      expect(ranAt[0] - enqueuedAt).toBeLessThan(200);
      expect(ranAt[1] - enqueuedAt).toBeGreaterThanOrEqual(195);
    });

    it('close() waits for running jobs and starts no new ones', async () => {
      const { queue, name } = await fresh();
      const started: number[] = [];
      const finished: number[] = [];
      queue.define<number>(
        name,
        async (job) => {
          started.push(job.data);
          await sleep(100);
          finished.push(job.data);
        },
        options({ concurrency: 1 }),
      );
      await queue.start();
      await queue.enqueue(name, 1);
      await queue.enqueue(name, 2);
      await until(() => started.length === 1);
      await queue.close();
      expect(finished).toEqual([1]);
      await sleep(150);
      expect(started).toEqual([1]);
      await expect(queue.enqueue(name, 3)).rejects.toThrow(/close/);
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls a condition until it holds; fails the test with a timeout instead of hanging it. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await sleep(5);
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
