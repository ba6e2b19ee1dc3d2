import { Notifier } from './notifier.port';

interface Waiter {
  afterPosition: number;
  wake: (position: number) => void;
}

/** Positions and waiters in memory: the notifier of a single process, and RedisNotifier's local side. */
export class InProcessNotifier implements Notifier {
  private readonly positions = new Map<string, number>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private closed = false;

  async publish(stream: string, position: number): Promise<void> {
    this.advance(stream, position);
  }

  async waitFor(
    stream: string,
    afterPosition: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<number> {
    return this.wait(stream, afterPosition, timeoutMs, signal);
  }

  async latest(stream: string): Promise<number> {
    return this.current(stream);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [stream, waiters] of this.waiters) {
      for (const waiter of waiters) waiter.wake(this.current(stream));
    }
  }

  current(stream: string): number {
    return this.positions.get(stream) ?? 0;
  }

  /** Moves the stream forward (never back) and wakes the waiters it has now passed; returns the position. */
  advance(stream: string, position: number): number {
    if (position <= this.current(stream)) return this.current(stream);
    this.positions.set(stream, position);
    for (const waiter of this.waiters.get(stream) ?? []) {
      if (position > waiter.afterPosition) waiter.wake(position);
    }
    return position;
  }

  /** waitFor against the positions held here, for callers that have brought them up to date. */
  wait(stream: string, afterPosition: number, timeoutMs: number, signal?: AbortSignal): Promise<number> {
    const now = this.current(stream);
    if (now > afterPosition || timeoutMs <= 0 || signal?.aborted || this.closed) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiters = this.waiters.get(stream) ?? new Set<Waiter>();
      this.waiters.set(stream, waiters);
      const giveUp = () => waiter.wake(this.current(stream));
      const timer = setTimeout(giveUp, timeoutMs);
      const waiter: Waiter = {
        afterPosition,
        wake: (position) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', giveUp);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.waiters.get(stream) === waiters) this.waiters.delete(stream);
          resolve(position);
        },
      };
      waiters.add(waiter);
      signal?.addEventListener('abort', giveUp, { once: true });
    });
  }
}
