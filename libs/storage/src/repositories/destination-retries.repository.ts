import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** A destination that outbound federation failed to reach, and when to try it again. */
export interface DestinationRetry {
  destination: string;
  /** When the current run of failures began. */
  failureTs: number;
  /** When the latest attempt failed. */
  retryLastTs: number;
  /** How long after `retryLastTs` the next attempt waits. */
  retryInterval: number;
}

/**
 * Each destination's backoff after failed sends, as Synapse keeps it in `destinations`, so that a
 * restart does not hammer a server that is down. A reachable destination has no row.
 */
@Injectable()
export class DestinationRetriesRepository {
  async get(q: Queryable, destination: string): Promise<DestinationRetry | null> {
    const rows = await q.query(`SELECT * FROM destination_retries WHERE destination = $1`, [destination]);
    return rows.length ? retryOf(rows[0]) : null;
  }

  /** Every destination that is backing off, by name. */
  async list(q: Queryable): Promise<DestinationRetry[]> {
    const rows = await q.query(`SELECT * FROM destination_retries ORDER BY destination`);
    return rows.map(retryOf);
  }

  /** A failed attempt at `now`; the run of failures keeps the time it began. */
  async recordFailure(q: Queryable, destination: string, now: number, retryInterval: number): Promise<void> {
    await q.query(
      `INSERT INTO destination_retries (destination, failure_ts, retry_last_ts, retry_interval)
       VALUES ($1, $2, $2, $3)
       ON CONFLICT (destination) DO UPDATE SET retry_last_ts = $2, retry_interval = $3`,
      [destination, now, retryInterval],
    );
  }

  /** The destination is reachable again. */
  async reset(q: Queryable, destination: string): Promise<void> {
    await q.query(`DELETE FROM destination_retries WHERE destination = $1`, [destination]);
  }
}

function retryOf(r: Record<string, unknown>): DestinationRetry {
  return {
    destination: r.destination as string,
    failureTs: Number(r.failure_ts),
    retryLastTs: Number(r.retry_last_ts),
    retryInterval: Number(r.retry_interval),
  };
}
