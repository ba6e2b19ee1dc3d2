import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { JobQueue, retryDelayMs } from '@switchboard/queue';
import { PermanentBridgeError, RemoteRateLimited } from '../network.interface';
import { BridgeDirection, BridgeQueue, BridgeQueueFailure } from './bridge-queue.port';

export interface BridgeQueueOptions {
  dataSource: DataSource;
  jobQueue: JobQueue;
  bridgeId: string;
  maxAttempts: number;
  log: Logger;
  backoff?: { baseMs: number; maxMs: number };
}

type Handler = (chat: string, payload: unknown) => Promise<void>;
type Drain = (chat: string) => Promise<void>;

const DIRECTIONS: BridgeDirection[] = ['to-matrix', 'to-remote'];
const SWEEP_MS = 60_000;

/**
 * The queue names of a JobQueue are defined once per process, but a bridge's queue may be made again
 * (a bridge that failed to start is retried): the definition calls whichever drain is current.
 */
const drains = new WeakMap<JobQueue, Map<string, Drain>>();

/** BridgeQueue on the bridge_queue table, woken by libs/queue jobs keyed by chat (see the port). */
export function createBridgeQueue(options: BridgeQueueOptions): BridgeQueue {
  const { dataSource, jobQueue, bridgeId: bridge, maxAttempts, log } = options;
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 };
  const handlers = new Map<BridgeDirection, Handler>();
  const running = new Set<Promise<void>>();
  let started = false;
  let stopped = false;
  let sweep: NodeJS.Timeout | undefined;

  const queueName = (direction: BridgeDirection) => `bridge.${bridge}.${direction}`;
  const current = drains.get(jobQueue) ?? new Map<string, Drain>();
  drains.set(jobQueue, current);
  for (const direction of DIRECTIONS) {
    const name = queueName(direction);
    if (!current.has(name)) {
      jobQueue.define<{ chat: string }>(
        name,
        (job) => current.get(name)?.(job.data.chat) ?? Promise.resolve(),
        {
          concurrency: 8,
          attempts: 5,
          backoff: { baseMs: 1000, maxMs: 60_000 },
        },
      );
    }
    current.set(name, (chat) => track(drain(direction, chat)));
  }

  function track(work: Promise<void>): Promise<void> {
    running.add(work);
    return work.finally(() => running.delete(work));
  }

  async function wake(direction: BridgeDirection, chat: string, delayMs = 0): Promise<void> {
    if (stopped) return;
    await jobQueue.enqueue(
      queueName(direction),
      { chat },
      { key: `${bridge}|${direction}|${chat}`, delayMs },
    );
  }

  async function drain(direction: BridgeDirection, chat: string): Promise<void> {
    const handler = handlers.get(direction);
    while (handler && started && !stopped) {
      const [row] = (await dataSource.query(
        `SELECT id, payload, attempts, next_at FROM bridge_queue
          WHERE bridge = $1 AND direction = $2 AND chat = $3 AND state = 'pending' ORDER BY id LIMIT 1`,
        [bridge, direction, chat],
      )) as { id: string; payload: unknown; attempts: number; next_at: string }[];
      if (!row) return;
      const due = Number(row.next_at) - Date.now();
      if (due > 0) return wake(direction, chat, due);
      try {
        await handler(chat, row.payload);
        await dataSource.query(`DELETE FROM bridge_queue WHERE id = $1`, [row.id]);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof RemoteRateLimited) {
          // The remote's own delay; it says nothing about the item, so it is no failed attempt.
          await dataSource.query(`UPDATE bridge_queue SET next_at = $2, last_error = $3 WHERE id = $1`, [
            row.id,
            Date.now() + err.retryAfterMs,
            message,
          ]);
          return wake(direction, chat, err.retryAfterMs);
        }
        const attempts = row.attempts + 1;
        if (err instanceof PermanentBridgeError || attempts >= maxAttempts) {
          log.warn({ err, direction, chat, attempts }, 'bridge queue item failed for good; set aside');
          await dataSource.query(
            `UPDATE bridge_queue SET state = 'failed', attempts = $2, last_error = $3, failed_at = $4 WHERE id = $1`,
            [row.id, attempts, message, Date.now()],
          );
          continue;
        }
        const delay = retryDelayMs(backoff, attempts);
        log.info(
          { err: message, direction, chat, attempts, retry_in_ms: delay },
          'bridge queue item failed; retrying',
        );
        await dataSource.query(
          `UPDATE bridge_queue SET attempts = $2, last_error = $3, next_at = $4 WHERE id = $1`,
          [row.id, attempts, message, Date.now() + delay],
        );
        return wake(direction, chat, delay);
      }
    }
  }

  async function wakeAllPending(): Promise<void> {
    const rows = (await dataSource.query(
      `SELECT DISTINCT direction, chat FROM bridge_queue WHERE bridge = $1 AND state = 'pending'`,
      [bridge],
    )) as { direction: BridgeDirection; chat: string }[];
    for (const { direction, chat } of rows) await wake(direction, chat);
  }

  const insert = `INSERT INTO bridge_queue (bridge, direction, chat, payload) VALUES ($1, $2, $3, $4)`;

  return {
    async push(direction, chat, payload) {
      await dataSource.query(insert, [bridge, direction, chat, JSON.stringify(payload)]);
      await wake(direction, chat);
    },
    async pushMany(items, pushOptions = {}) {
      const stored = await dataSource.transaction(async (tx) => {
        if (pushOptions.dedupeKey !== undefined) {
          const fresh = await tx.query(
            `INSERT INTO bridge_txns (bridge, txn_id, received_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING 1`,
            [bridge, pushOptions.dedupeKey, Date.now()],
          );
          if (fresh.length === 0) return false;
        }
        for (const item of items)
          await tx.query(insert, [bridge, item.direction, item.chat, JSON.stringify(item.payload)]);
        return true;
      });
      if (!stored) return false;
      const chats = new Set(items.map((i) => `${i.direction}\n${i.chat}`));
      for (const key of chats) {
        const [direction, chat] = key.split('\n') as [BridgeDirection, string];
        await wake(direction, chat);
      }
      return true;
    },
    handle(direction, handler) {
      handlers.set(direction, handler);
    },
    async start() {
      started = true;
      await wakeAllPending();
      sweep = setInterval(() => {
        wakeAllPending().catch((err: unknown) => log.warn({ err }, 'bridge queue sweep failed'));
      }, SWEEP_MS);
      sweep.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(sweep);
      await Promise.allSettled([...running]);
    },
    async counts() {
      const rows = (await dataSource.query(
        `SELECT direction, state, count(*)::int AS n FROM bridge_queue WHERE bridge = $1 GROUP BY direction, state`,
        [bridge],
      )) as { direction: BridgeDirection; state: string; n: number }[];
      const count = (direction: BridgeDirection, state: string) =>
        Number(rows.find((r) => r.direction === direction && r.state === state)?.n ?? 0);
      return {
        'to-matrix': { pending: count('to-matrix', 'pending'), failed: count('to-matrix', 'failed') },
        'to-remote': { pending: count('to-remote', 'pending'), failed: count('to-remote', 'failed') },
      };
    },
    async failures(limit = 100) {
      const rows = (await dataSource.query(
        `SELECT id, direction, chat, payload, attempts, last_error, failed_at FROM bridge_queue
          WHERE bridge = $1 AND state = 'failed' ORDER BY failed_at, id LIMIT $2`,
        [bridge, limit],
      )) as Record<string, unknown>[];
      return rows.map((r): BridgeQueueFailure => ({
        id: String(r.id),
        direction: r.direction as BridgeDirection,
        chat: String(r.chat),
        payload: r.payload,
        attempts: Number(r.attempts),
        lastError: String(r.last_error ?? ''),
        failedAt: Number(r.failed_at),
      }));
    },
    async retryFailed(id) {
      const rows = (await dataSource.query(
        `UPDATE bridge_queue SET state = 'pending', attempts = 0, next_at = 0, failed_at = NULL
          WHERE id = $1 AND bridge = $2 AND state = 'failed' RETURNING direction, chat`,
        [id, bridge],
      )) as
        | [{ direction: BridgeDirection; chat: string }[], number]
        | { direction: BridgeDirection; chat: string }[];
      const [row] = updatedRows(rows);
      if (!row) return false;
      await wake(row.direction, row.chat);
      return true;
    },
    async dropFailed(id) {
      const rows = await dataSource.query(
        `DELETE FROM bridge_queue WHERE id = $1 AND bridge = $2 AND state = 'failed' RETURNING id`,
        [id, bridge],
      );
      return updatedRows(rows as unknown[]).length > 0;
    },
  };
}

/** TypeORM's postgres driver answers UPDATE/DELETE ... RETURNING with [rows, count]. */
function updatedRows<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);
}
