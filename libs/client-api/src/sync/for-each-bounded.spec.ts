import { forEachBounded } from './for-each-bounded';

describe('forEachBounded', () => {
  it('does every item with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5 - (n % 3)));
      done.push(n);
      inFlight--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing new after a failure and rejects with it', async () => {
    const started: number[] = [];
    await expect(
      forEachBounded([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('does nothing for no items', async () => {
    await expect(forEachBounded([], 4, async () => undefined)).resolves.toBeUndefined();
  });
});
