import { SendQueue, Settled } from './send-queue';

/** A `run` that records its batches and finishes each one only when told to. */
function controlled() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (batch: number[]): Promise<Settled<string>[]> => {
    batches.push(batch);
    return new Promise((resolve) =>
      finish.push(() =>
        resolve(batch.map((n) => (n < 0 ? { error: new Error(`bad ${n}`) } : { value: `ok ${n}` }))),
      ),
    );
  };
  return { batches, finish, run };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SendQueue (group commit)', () => {
  it('starts a lone item at once and puts everything that arrives meanwhile into the next batch', async () => {
    const { batches, finish, run } = controlled();
    const queue = new SendQueue(100, run);
    const first = queue.push(1);
    const rest = [2, 3, 4].map((n) => queue.push(n));
    expect(batches).toEqual([[1]]);
    finish[0]();
    await expect(first).resolves.toBe('ok 1');
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]();
    await expect(Promise.all(rest)).resolves.toEqual(['ok 2', 'ok 3', 'ok 4']);
  });

  it('caps a batch at maxBatch', async () => {
    const { batches, finish, run } = controlled();
    const queue = new SendQueue(2, run);
    const all = [1, 2, 3, 4, 5].map((n) => queue.push(n));
    for (let i = 0; i < 4; i++) {
      await tick();
      finish[i]?.();
    }
    await Promise.all(all);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the items whose own result is an error', async () => {
    const { finish, run } = controlled();
    const queue = new SendQueue(100, run);
    const blocker = queue.push(0);
    const good = queue.push(1);
    const bad = queue.push(-1);
    finish[0]();
    await blocker;
    await tick();
    finish[1]();
    await expect(good).resolves.toBe('ok 1');
    await expect(bad).rejects.toThrow('bad -1');
  });

  it('fails every item of a batch whose run throws, and goes on with the next batch', async () => {
    let calls = 0;
    const queue = new SendQueue<number, number>(100, async (batch) => {
      calls += 1;
      if (calls === 2) throw new Error('database down');
      return batch.map((n) => ({ value: n }));
    });
    const first = queue.push(1);
    const failed = [queue.push(2), queue.push(3)];
    await expect(first).resolves.toBe(1);
    for (const p of failed) await expect(p).rejects.toThrow('database down');
    await expect(queue.push(4)).resolves.toBe(4);
  });
});
