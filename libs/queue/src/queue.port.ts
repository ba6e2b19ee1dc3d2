/** Nest token for the process's {@link JobQueue}. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');
/** Nest token for {@link QueueHealth}; bound to the same object as {@link JOB_QUEUE}. */
export const QUEUE_HEALTH = Symbol('QUEUE_HEALTH');

/** What a handler is given: `attempt` counts from 1, so a handler can tell a retry from a first run. */
export interface Job<T> {
  id: string;
  key?: string;
  data: T;
  attempt: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface Backoff {
  /** Delay after the first failed attempt; it doubles after each further failure... */
  baseMs: number;
  /** ...up to this cap. */
  maxMs: number;
}

export interface QueueOptions {
  /** Jobs of this queue running at once in this process (each key counts once: it runs one job at a time). */
  concurrency: number;
  /** Attempts in all, the first included; after the last one fails the job moves to the failed set. */
  attempts: number;
  backoff: Backoff;
}

export interface EnqueueOptions {
  /**
   * De-duplication: while a job with this id is pending (waiting, delayed, retrying) or running, enqueuing
   * the same id again does nothing. Once it has completed or failed, the id may be used again.
   */
  jobId?: string;
  /**
   * Jobs with the same key run one at a time, in enqueue order, and a job waits until the one before it
   * has completed or failed for good (retries included). Jobs with different keys run in parallel.
   */
  key?: string;
  /** The job does not start before this many milliseconds have passed; with a key, later jobs wait too. */
  delayMs?: number;
}

export interface Enqueued {
  id: string;
  /** False when the id was already pending or running (see {@link EnqueueOptions.jobId}). */
  enqueued: boolean;
}

/** A job that failed every attempt. The failed set keeps the latest {@link FAILED_JOBS_KEPT} per queue. */
export interface FailedJob {
  id: string;
  key?: string;
  data: unknown;
  attempts: number;
  /** The message of the last attempt's error. */
  error: string;
  failedAt: number;
}

export const FAILED_JOBS_KEPT = 1000;

export interface QueueCounts {
  /** Accepted and not running yet: waiting, delayed, between retries, or behind another job of its key. */
  waiting: number;
  active: number;
  failed: number;
}

/**
 * The job-queue port. Every process defines the queues it uses (producers too: definitions are shared code);
 * only processes that consume call {@link start}. Handlers must be idempotent: a job whose process dies
 * mid-run runs again (at-least-once).
 */
export interface JobQueue {
  /** Declares a queue and its handler; throws on a bad or repeated name. Names are [A-Za-z0-9._-]+. */
  define<T>(name: string, handler: JobHandler<T>, options: QueueOptions): void;
  /** Adds a job to a defined queue; the id is `options.jobId` or a fresh one. `data` must be a JSON value. */
  enqueue<T>(name: string, data: T, options?: EnqueueOptions): Promise<Enqueued>;
  /** The failed set of a queue, oldest first. */
  failed(name: string): Promise<FailedJob[]>;
  /** For /health and metrics. */
  counts(name: string): Promise<QueueCounts>;
  /**
   * Starts running the handlers of the defined queues (and of queues defined later). Every consumer
   * calls it once its queue is defined; the calls after the first do nothing.
   */
  start(): Promise<void>;
  /**
   * Stops taking jobs and waits for the running ones; jobs not started stay queued if the adapter is durable.
   * Idempotent; enqueue rejects afterwards.
   */
  close(): Promise<void>;
}

export interface QueueHealth {
  readonly kind: 'redis' | 'in-process';
  /** True when the backing store answers; never throws. */
  ping(): Promise<boolean>;
}

/** The delay before the retry that follows failed attempt number `attempt` (1-based): exponential, capped. */
export function retryDelayMs(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
}

const QUEUE_NAME = /^[A-Za-z0-9._-]+$/;

/** Shared by the adapters, so both reject the same definitions. */
export function validateDefinition(name: string, options: QueueOptions): void {
  const problems = [
    !QUEUE_NAME.test(name) && 'the name must match [A-Za-z0-9._-]+',
    !(Number.isInteger(options.concurrency) && options.concurrency >= 1) &&
      'concurrency must be an integer >= 1',
    !(Number.isInteger(options.attempts) && options.attempts >= 1) && 'attempts must be an integer >= 1',
    !(options.backoff.baseMs > 0 && options.backoff.maxMs >= options.backoff.baseMs) &&
      'backoff needs 0 < baseMs <= maxMs',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`queue ${JSON.stringify(name)}: ${problems.join('; ')}`);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
