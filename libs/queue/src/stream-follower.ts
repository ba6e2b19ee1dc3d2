import type { Logger } from '@switchboard/observability';
import { Notifier } from './notifier.port';

export interface StreamFollowerOptions {
  /** The notifier stream whose moves wake the loop. */
  stream: string;
  /** A missed wake-up costs at most this long (notifier.port.ts: wake-ups may be lost). */
  idleWaitMs: number;
  /** After a failed step, the loop waits this long before the next. */
  errorPauseMs: number;
  /** For the log line of a failed step. */
  what: string;
}

/**
 * A background loop that works through what a stream has gained (the federation outbox, push
 * evaluation, badge updates): `step` runs until it says there is no more, then the loop sleeps
 * until the stream moves past where it was when the pass began, so a move during the pass starts
 * the next one at once. A failing step is logged and retried after a pause, never ending the loop.
 */
export class StreamFollower {
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    private readonly options: StreamFollowerOptions,
  ) {}

  /** `step` does one batch and resolves true when there may be more to do at once. */
  start(step: () => Promise<boolean>): void {
    this.loop = this.run(step);
  }

  /** Ends the loop after the step in progress, if any. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(step: () => Promise<boolean>): Promise<void> {
    const { stream, idleWaitMs, errorPauseMs, what } = this.options;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const seen = await this.notifier.latest(stream);
        while (!signal.aborted && (await step())) {
          // There may be more.
        }
        await this.notifier.waitFor(stream, seen, idleWaitMs, signal);
      } catch (err) {
        if (signal.aborted) return;
        this.logger.error({ err }, `${what} failed`);
        await sleep(errorPauseMs, signal);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
