import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

/** What a User-Interactive Authentication session remembers between the requests of one flow. */
export interface UiaSessionRow {
  sessionId: string;
  /** The method and path the session was started for. */
  operation: string;
  /** A hash of what the request asked for; a session never authorises a different request. */
  requestHash: string;
  /** The account the session authenticates, once known. */
  userId: string | null;
  completed: string[];
  params: Record<string, unknown>;
  /** What completed stages established (e.g. the registration token used). */
  results: Record<string, unknown>;
  createdTs: number;
  expiresTs: number;
}

@Injectable()
export class UiaSessionsRepository {
  async create(q: Queryable, session: UiaSessionRow): Promise<void> {
    await q.query(
      `INSERT INTO uia_sessions
         (session_id, operation, request_hash, user_id, completed, params, results, created_ts, expires_ts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        session.sessionId,
        session.operation,
        session.requestHash,
        session.userId,
        session.completed,
        session.params,
        session.results,
        session.createdTs,
        session.expiresTs,
      ],
    );
  }

  /** The live session, locked so concurrent requests of one session take turns. */
  async lock(tx: Tx, sessionId: string, now: number): Promise<UiaSessionRow | null> {
    const rows = await tx.query(
      `SELECT * FROM uia_sessions WHERE session_id = $1 AND expires_ts > $2 FOR UPDATE`,
      [sessionId, now],
    );
    return rows.length ? toSession(rows[0]) : null;
  }

  async update(
    q: Queryable,
    sessionId: string,
    change: Pick<UiaSessionRow, 'userId' | 'completed' | 'results'>,
  ): Promise<void> {
    await q.query(
      `UPDATE uia_sessions SET user_id = $2, completed = $3, results = $4 WHERE session_id = $1`,
      [sessionId, change.userId, change.completed, change.results],
    );
  }

  async delete(q: Queryable, sessionId: string): Promise<void> {
    await q.query(`DELETE FROM uia_sessions WHERE session_id = $1`, [sessionId]);
  }

  /** Deletes the sessions that expired by `now` and returns them, so their reservations can be released. */
  async deleteExpired(q: Queryable, now: number): Promise<UiaSessionRow[]> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE ... RETURNING with [rows, count].
    const rows = await q.query(
      `WITH gone AS (DELETE FROM uia_sessions WHERE expires_ts <= $1 RETURNING *) SELECT * FROM gone`,
      [now],
    );
    return rows.map(toSession);
  }
}

function toSession(row: Record<string, unknown>): UiaSessionRow {
  return {
    sessionId: row.session_id as string,
    operation: row.operation as string,
    requestHash: row.request_hash as string,
    userId: row.user_id as string | null,
    completed: row.completed as string[],
    params: row.params as Record<string, unknown>,
    results: row.results as Record<string, unknown>,
    createdTs: Number(row.created_ts),
    expiresTs: Number(row.expires_ts),
  };
}
