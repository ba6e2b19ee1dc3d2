import { randomUUID } from 'node:crypto';
import type { Logger } from '@switchboard/observability';
import {
  Enqueued,
  EnqueueOptions,
  errorMessage,
  FAILED_JOBS_KEPT,
  FailedJob,
  JobHandler,
  JobQueue,
  QueueCounts,
  QueueHealth,
  QueueOptions,
  retryDelayMs,
  validateDefinition,
} from './queue.port';

interface PendingJob {
  id: string;
  key?: string;
  data: unknown;
  notBefore: number;
  /** Attempts made so far. */
  attempts: number;
}

/** The jobs of one key, or a lone unkeyed job: it runs its head, one at a time. */
interface Lane {
  jobs: PendingJob[];
  running: boolean;
  timer?: NodeJS.Timeout;
}

interface LocalQueue {
  name: string;
  handler: JobHandler<unknown>;
  options: QueueOptions;
  /** Insertion order is the order lanes get a free slot; a lane re-enters at the end after each job. */
  lanes: Map<string, Lane>;
  pendingIds: Set<string>;
  active: number;
  failed: FailedJob[];
}

/**
 * The embedded-mode queue: maps and timers, nothing survives the process. Same semantics as the BullMQ
 * adapter (queue.contract.ts runs against both), so code tested embedded behaves the same scaled out.
 */
export class InProcessAdapter implements JobQueue, QueueHealth {
  readonly kind = 'in-process';
  private readonly queues = new Map<string, LocalQueue>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  private closed = false;

  constructor(private readonly logger?: Logger) {}

  define<T>(name: string, handler: JobHandler<T>, options: QueueOptions): void {
    validateDefinition(name, options);
    if (this.queues.has(name)) throw new Error(`queue ${name} is already defined`);
    this.queues.set(name, {
      name,
      handler: handler as JobHandler<unknown>,
      options,
      lanes: new Map(),
      pendingIds: new Set(),
      active: 0,
      failed: [],
    });
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<Enqueued> {
    const queue = this.queue(name);
    if (this.closed) throw new Error(`queue ${name}: enqueue after close`);
    const id = options.jobId ?? randomUUID();
    if (queue.pendingIds.has(id)) return { id, enqueued: false };
    queue.pendingIds.add(id);
    // Unkeyed jobs get a lane of their own; the prefixes keep a key from colliding with a job id.
    const laneId = options.key === undefined ? `j:${id}` : `k:${options.key}`;
    let lane = queue.lanes.get(laneId);
    if (!lane) {
      lane = { jobs: [], running: false };
      queue.lanes.set(laneId, lane);
    }
    // A JSON round trip, as Redis makes, so data that would not survive the BullMQ adapter fails here too.
    const copy: unknown = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
    lane.jobs.push({
      id,
      key: options.key,
      data: copy,
      notBefore: Date.now() + (options.delayMs ?? 0),
      attempts: 0,
    });
    this.pump(queue);
    return { id, enqueued: true };
  }

  async failed(name: string): Promise<FailedJob[]> {
    return [...this.queue(name).failed];
  }

  async counts(name: string): Promise<QueueCounts> {
    const queue = this.queue(name);
    return {
      waiting: queue.pendingIds.size - queue.active,
      active: queue.active,
      failed: queue.failed.length,
    };
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const queue of this.queues.values()) this.pump(queue);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values()) {
      for (const lane of queue.lanes.values()) clearTimeout(lane.timer);
    }
    await Promise.all(this.running);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  private queue(name: string): LocalQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not defined`);
    return queue;
  }

  private pump(queue: LocalQueue): void {
    if (!this.started || this.closed) return;
    const now = Date.now();
    for (const [laneId, lane] of queue.lanes) {
      if (queue.active >= queue.options.concurrency) return;
      const head = lane.jobs[0];
      if (lane.running || !head) continue;
      if (head.notBefore > now) {
        lane.timer ??= setTimeout(() => {
          lane.timer = undefined;
          this.pump(queue);
        }, head.notBefore - now);
        continue;
      }
      this.run(queue, laneId, lane, head);
    }
  }

  private run(queue: LocalQueue, laneId: string, lane: Lane, job: PendingJob): void {
    lane.running = true;
    queue.active++;
    job.attempts++;
    // Deferred by a tick so a handler that throws synchronously cannot reorder the lanes pump() iterates.
    const run = Promise.resolve()
      .then(() => queue.handler({ id: job.id, key: job.key, data: job.data, attempt: job.attempts }))
      .then(
        () => this.finish(queue, lane, job),
        (error: unknown) => this.afterFailure(queue, lane, job, error),
      )
      .finally(() => {
        this.running.delete(run);
        lane.running = false;
        queue.active--;
        queue.lanes.delete(laneId);
        if (lane.jobs.length > 0) queue.lanes.set(laneId, lane);
        this.pump(queue);
      });
    this.running.add(run);
  }

  private afterFailure(queue: LocalQueue, lane: Lane, job: PendingJob, error: unknown): void {
    const message = errorMessage(error);
    this.logger?.warn(
      { queue: queue.name, job_id: job.id, key: job.key, attempt: job.attempts, err: message },
      'job attempt failed',
    );
    if (job.attempts < queue.options.attempts) {
      job.notBefore = Date.now() + retryDelayMs(queue.options.backoff, job.attempts);
      return;
    }
    queue.failed.push({
      id: job.id,
      key: job.key,
      data: job.data,
      attempts: job.attempts,
      error: message,
      failedAt: Date.now(),
    });
    if (queue.failed.length > FAILED_JOBS_KEPT) queue.failed.shift();
    this.finish(queue, lane, job);
  }

  private finish(queue: LocalQueue, lane: Lane, job: PendingJob): void {
    lane.jobs.shift();
    queue.pendingIds.delete(job.id);
  }
}
