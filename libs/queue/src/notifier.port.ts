/** Nest token for the process's {@link Notifier}. */
export const NOTIFIER = Symbol('NOTIFIER');

/**
 * "Stream X advanced to position N", across processes: the room server publishes after a commit, /sync
 * long-polls wait. Positions only move forward; an unknown stream is at 0. Losing a wake-up costs a waiter
 * its timeout, never data: the position is read again from the store before waiting.
 */
export interface Notifier {
  /** Records that the stream reached `position` and wakes its waiters; a lower or equal position is ignored. */
  publish(stream: string, position: number): Promise<void>;
  /**
   * Resolves with the stream's position as soon as it is beyond `afterPosition` (at once if it already is),
   * else with the current position when `timeoutMs` passes or `signal` aborts. Never rejects.
   */
  waitFor(stream: string, afterPosition: number, timeoutMs: number, signal?: AbortSignal): Promise<number>;
  latest(stream: string): Promise<number>;
  /** Resolves every pending wait with the current position and releases connections. */
  close(): Promise<void>;
}
