import { randomUUID } from 'node:crypto';
import { DelayedError, Job as BullJob, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
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
import { releaseConnection } from './redis.connection';

/*
 * How jobs map onto BullMQ. BullMQ without Pro has no groups, so per-key order is ours:
 *
 * - Every job lives in a "lane", a Redis list of pending jobs in enqueue order: the lane of its key, or a lane
 *   of its own when it has none. Jobs are stored with their attempt count and not-before time.
 * - A BullMQ job named "drain" with jobId = the lane's token runs the lane: it takes the head, runs the handler,
 *   pops it on success (or on the last failed attempt, into the failed set), and carries on with the next
 *   head. BullMQ refuses a second job with an existing id, so a lane never has two drains: that one runs
 *   its jobs one at a time, in order, and different lanes run in parallel up to the worker's concurrency.
 * - Enqueue is one Lua script (refuse a pending id, else push onto the lane) followed by adding the drain,
 *   which is a no-op while one exists. A drain that found its lane empty may still exist for a moment
 *   when an enqueue adds one; the worker adds the drain again after each completed drain whose lane has refilled.
 * - Retries and delays move the drain itself to BullMQ's delayed set until the head is due (moveToDelayed +
 *   DelayedError, which does not count as a BullMQ attempt), so a retrying job holds back its key and our
 *   attempt counter and backoff apply the same to keyed and unkeyed jobs.
 * - Everything is in Redis, so a restart loses nothing: a closing worker finishes the running job and parks
 *   the drain in the delayed set for the next worker; a crashed one's drain is recovered by BullMQ's stalled
 *   check; and start() re-adds a drain for every non-empty lane, which repairs a lane whose drain was lost
 *   (a process dying between the two steps of enqueue, or a drain failing on Redis errors).
 * Lane tokens are base64url, as BullMQ job ids may not contain ':' and keys (server names, room ids) do.
 */

interface StoredJob {
  id: string;
  key?: string;
  data: unknown;
  notBefore: number;
  /** Attempts made so far. */
  attempts: number;
}

interface DrainData {
  lane: string;
}

interface Definition {
  name: string;
  handler: JobHandler<unknown>;
  options: QueueOptions;
  queue: Queue<DrainData>;
}

export interface BullmqAdapterOptions {
  url: string;
  /** Prefix of every Redis key, BullMQ's and ours; tests use one per file and delete its keys after. */
  prefix: string;
  logger?: Logger;
}

/** Handing the slot to other lanes now and then keeps one busy key from starving the rest. */
const YIELD_AFTER_JOBS = 50;
const PING_TIMEOUT_MS = 1000;

/** KEYS: pending-ids hash, lane list. ARGV: job id, stored job. 1 if pushed, 0 if the id is pending. */
const ENQUEUE_LUA = `
if redis.call('HSETNX', KEYS[1], ARGV[1], '1') == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1`;

/** KEYS: lane list. ARGV: job id, stored job. Replaces the head if it is still that job. */
const RESCHEDULE_LUA = `
local head = redis.call('LINDEX', KEYS[1], 0)
if not head or cjson.decode(head).id ~= ARGV[1] then return 0 end
redis.call('LSET', KEYS[1], 0, ARGV[2])
return 1`;

/** KEYS: lane list, pending-ids hash, failed list. ARGV: job id, failed record or '', failed jobs kept. */
const FINISH_LUA = `
local head = redis.call('LINDEX', KEYS[1], 0)
if not head or cjson.decode(head).id ~= ARGV[1] then return 0 end
redis.call('LPOP', KEYS[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[2] ~= '' then
  redis.call('RPUSH', KEYS[3], ARGV[2])
  redis.call('LTRIM', KEYS[3], -tonumber(ARGV[3]), -1)
end
return 1`;

export class BullmqAdapter implements JobQueue, QueueHealth {
  readonly kind = 'redis';
  /** Enqueue, reads and the BullMQ queues: commands fail after some retries while Redis is away. */
  private readonly client: IORedis;
  /** Workers and drains, opened by start(): BullMQ needs their commands to wait out a reconnect instead. */
  private readonly consumer: IORedis;
  private readonly definitions = new Map<string, Definition>();
  private readonly workers: Worker<DrainData>[] = [];
  /** Post-completion checks still running; close() waits for them before closing the connection. */
  private readonly refillChecks = new Set<Promise<void>>();
  private started = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullmqAdapterOptions) {
    // A producer must not hang on a Redis outage (its caller has committed and moves on; the outbox keeps
    // the work), while a BullMQ worker requires maxRetriesPerRequest: null; hence two connections.
    this.client = new IORedis(options.url);
    this.consumer = new IORedis(options.url, { maxRetriesPerRequest: null, lazyConnect: true });
    for (const connection of [this.client, this.consumer]) {
      connection.on('error', (error: Error) =>
        this.options.logger?.warn({ err: error.message }, 'redis error'),
      );
    }
  }

  define<T>(name: string, handler: JobHandler<T>, options: QueueOptions): void {
    validateDefinition(name, options);
    if (this.definitions.has(name)) throw new Error(`queue ${name} is already defined`);
    const queue = new Queue<DrainData>(name, {
      connection: this.client,
      prefix: this.options.prefix,
      // Retries of a drain cover Redis trouble only (handler errors are caught); start() re-adds lost drains.
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: true,
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
      },
    });
    queue.on('error', (error: Error) =>
      this.options.logger?.warn({ queue: name, err: error.message }, 'queue error'),
    );
    const definition: Definition = { name, handler: handler as JobHandler<unknown>, options, queue };
    this.definitions.set(name, definition);
    if (this.started) {
      this.startWorker(definition).catch((error: unknown) =>
        this.options.logger?.error({ queue: name, err: errorMessage(error) }, 'queue worker start failed'),
      );
    }
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<Enqueued> {
    const definition = this.definition(name);
    if (this.closing) throw new Error(`queue ${name}: enqueue after close`);
    const id = options.jobId ?? randomUUID();
    const lane = options.key === undefined ? `j${base64url(id)}` : `k${base64url(options.key)}`;
    const delay = options.delayMs ?? 0;
    const stored: StoredJob = { id, key: options.key, data, notBefore: Date.now() + delay, attempts: 0 };
    const pushed = await this.client.eval(
      ENQUEUE_LUA,
      2,
      this.key(name, 'sb-pending'),
      this.laneKey(name, lane),
      id,
      JSON.stringify(stored),
    );
    if (pushed === 0) return { id, enqueued: false };
    await definition.queue.add('drain', { lane }, { jobId: lane, delay });
    return { id, enqueued: true };
  }

  async failed(name: string): Promise<FailedJob[]> {
    this.definition(name);
    const records = await this.client.lrange(this.key(name, 'sb-failed'), 0, -1);
    return records.map((record) => JSON.parse(record) as FailedJob);
  }

  async counts(name: string): Promise<QueueCounts> {
    const { queue } = this.definition(name);
    // An active drain is running one job, or is for a moment between two or about to end; pending jobs
    // include running ones, which bounds the count in the last case.
    const [pending, drains, failed] = await Promise.all([
      this.client.hlen(this.key(name, 'sb-pending')),
      queue.getActiveCount(),
      this.client.llen(this.key(name, 'sb-failed')),
    ]);
    const active = Math.min(drains, pending);
    return { waiting: pending - active, active, failed };
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all([...this.definitions.values()].map((definition) => this.startWorker(definition)));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all(this.workers.map((worker) => worker.close()));
      await Promise.all(this.refillChecks);
      await Promise.all([...this.definitions.values()].map(({ queue }) => queue.close()));
      await Promise.all([releaseConnection(this.client), releaseConnection(this.consumer)]);
    })();
    return this.closing;
  }

  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    const pong = this.client.ping().then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([pong, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async startWorker(definition: Definition): Promise<void> {
    const { name, queue } = definition;
    const worker = new Worker<DrainData>(name, (job, token) => this.drain(definition, job, token), {
      connection: this.consumer,
      prefix: this.options.prefix,
      concurrency: definition.options.concurrency,
    });
    worker.on('error', (error: Error) =>
      this.options.logger?.error({ queue: name, err: error.message }, 'queue worker error'),
    );
    worker.on('completed', (job: BullJob<DrainData>) => {
      const check = this.redrainIfRefilled(definition, job.data.lane).finally(() =>
        this.refillChecks.delete(check),
      );
      this.refillChecks.add(check);
    });
    this.workers.push(worker);
    const lanes = this.consumer.scanStream({ match: this.laneKey(name, '*'), count: 200 });
    for await (const keys of lanes as AsyncIterable<string[]>) {
      const prefixLength = this.laneKey(name, '').length;
      await Promise.all(
        keys.map((key) => {
          const lane = key.slice(prefixLength);
          return queue.add('drain', { lane }, { jobId: lane });
        }),
      );
    }
  }

  /** Runs the lane's jobs in order until it is empty, a job is not due, the adapter closes or it yields. */
  private async drain(
    definition: Definition,
    drain: BullJob<DrainData>,
    token: string | undefined,
  ): Promise<void> {
    const laneKey = this.laneKey(definition.name, drain.data.lane);
    for (let ran = 0; ; ran++) {
      const head = await this.consumer.lindex(laneKey, 0);
      if (head === null) return;
      const job = JSON.parse(head) as StoredJob;
      if (this.closing || ran >= YIELD_AFTER_JOBS || job.notBefore > Date.now()) {
        await drain.moveToDelayed(Math.max(job.notBefore, Date.now()), token);
        throw new DelayedError();
      }
      await this.runHead(definition, laneKey, job);
    }
  }

  private async runHead(definition: Definition, laneKey: string, job: StoredJob): Promise<void> {
    const { name, handler, options } = definition;
    const attempt = job.attempts + 1;
    let failure: { error: unknown } | undefined;
    try {
      await handler({ id: job.id, key: job.key, data: job.data, attempt });
    } catch (error) {
      failure = { error };
    }
    if (!failure) {
      await this.finish(name, laneKey, job.id, '');
      return;
    }
    const message = errorMessage(failure.error);
    this.options.logger?.warn(
      { queue: name, job_id: job.id, key: job.key, attempt, err: message },
      'job attempt failed',
    );
    if (attempt < options.attempts) {
      const retry: StoredJob = {
        ...job,
        attempts: attempt,
        notBefore: Date.now() + retryDelayMs(options.backoff, attempt),
      };
      await this.consumer.eval(RESCHEDULE_LUA, 1, laneKey, job.id, JSON.stringify(retry));
      return;
    }
    const record: FailedJob = {
      id: job.id,
      key: job.key,
      data: job.data,
      attempts: attempt,
      error: message,
      failedAt: Date.now(),
    };
    await this.finish(name, laneKey, job.id, JSON.stringify(record));
  }

  private async finish(name: string, laneKey: string, id: string, failedRecord: string): Promise<void> {
    await this.consumer.eval(
      FINISH_LUA,
      3,
      laneKey,
      this.key(name, 'sb-pending'),
      this.key(name, 'sb-failed'),
      id,
      failedRecord,
      FAILED_JOBS_KEPT,
    );
  }

  /** Closes the race where an enqueue's drain was refused because the finishing drain still existed. */
  private async redrainIfRefilled(definition: Definition, lane: string): Promise<void> {
    try {
      if ((await this.consumer.exists(this.laneKey(definition.name, lane))) === 1) {
        await definition.queue.add('drain', { lane }, { jobId: lane });
      }
    } catch (error) {
      this.options.logger?.error(
        { queue: definition.name, err: errorMessage(error) },
        'queue refill check failed',
      );
    }
  }

  private definition(name: string): Definition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`queue ${name} is not defined`);
    return definition;
  }

  private key(name: string, suffix: string): string {
    return `${this.options.prefix}:${name}:${suffix}`;
  }

  private laneKey(name: string, lane: string): string {
    return this.key(name, `sb-lane:${lane}`);
  }
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}
