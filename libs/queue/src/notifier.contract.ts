import { Notifier } from './notifier.port';

/** The conformance suite of Notifier adapters; `makeNotifier` may be called several times (processes). */
export function describeNotifierContract(
  adapter: string,
  makeNotifier: () => Promise<Notifier>,
  cleanup: () => Promise<void>,
): void {
  describe(`Notifier contract: ${adapter}`, () => {
    const open: Notifier[] = [];
    let streamNumber = 0;
    const fresh = async (): Promise<{ notifier: Notifier; stream: string }> => {
      const notifier = await makeNotifier();
      open.push(notifier);
      return { notifier, stream: `stream-${++streamNumber}` };
    };

    afterEach(async () => {
      await Promise.all(open.splice(0).map((notifier) => notifier.close()));
    });
    afterAll(cleanup);

    it('starts every stream at 0 and only moves it forward', async () => {
      const { notifier, stream } = await fresh();
      expect(await notifier.latest(stream)).toBe(0);
      await notifier.publish(stream, 5);
      await notifier.publish(stream, 3);
      expect(await notifier.latest(stream)).toBe(5);
    });

    it('resolves at once when the stream is already beyond the position', async () => {
      const { notifier, stream } = await fresh();
      await notifier.publish(stream, 4);
      const started = Date.now();
      expect(await notifier.waitFor(stream, 2, 5000)).toBe(4);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('wakes a waiter when the stream advances past its position, not before', async () => {
      const { notifier, stream } = await fresh();
      await notifier.publish(stream, 1);
      let woke: number | undefined;
      const waiting = notifier.waitFor(stream, 2, 5000).then((position) => (woke = position));
      await notifier.publish(stream, 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(woke).toBeUndefined();
      await notifier.publish(stream, 3);
      expect(await waiting).toBe(3);
    });

    it('resolves with the current position at the timeout', async () => {
      const { notifier, stream } = await fresh();
      await notifier.publish(stream, 7);
      const started = Date.now();
      expect(await notifier.waitFor(stream, 7, 100)).toBe(7);
      expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    });

    it('resolves with the current position when the signal aborts', async () => {
      const { notifier, stream } = await fresh();
      const abort = new AbortController();
      const waiting = notifier.waitFor(stream, 0, 5000, abort.signal);
      abort.abort();
      expect(await waiting).toBe(0);
      expect(await notifier.waitFor(stream, 0, 5000, abort.signal)).toBe(0);
    });

    it('does not wake waiters of another stream', async () => {
      const { notifier, stream } = await fresh();
      const other = `${stream}-other`;
      const waiting = notifier.waitFor(stream, 0, 150);
      await notifier.publish(other, 9);
      expect(await waiting).toBe(0);
    });

    it('wakes every waiter of a stream', async () => {
      const { notifier, stream } = await fresh();
      const waits = [0, 0, 1].map((after) => notifier.waitFor(stream, after, 5000));
      await notifier.publish(stream, 2);
      expect(await Promise.all(waits)).toEqual([2, 2, 2]);
    });

    it('resolves pending waits on close', async () => {
      const { notifier, stream } = await fresh();
      await notifier.publish(stream, 1);
      const waiting = notifier.waitFor(stream, 1, 5000);
      await notifier.close();
      expect(await waiting).toBe(1);
    });
  });
}
