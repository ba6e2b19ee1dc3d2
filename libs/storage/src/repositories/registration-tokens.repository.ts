import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

export interface RegistrationTokenRow {
  token: string;
  /** null: unlimited. */
  usesAllowed: number | null;
  /** Registrations that completed the token stage and have not finished yet. */
  pending: number;
  completed: number;
  /** Milliseconds since the epoch; null: never expires. */
  expiryTime: number | null;
}

/**
 * Registration tokens (client-server-api "Token-authenticated registration"). A token is valid
 * while it has not expired and `pending + completed` is below `uses_allowed`; completing the stage
 * reserves a use (pending), finishing the registration consumes it (completed).
 */
@Injectable()
export class RegistrationTokensRepository {
  async create(
    q: Queryable,
    token: Pick<RegistrationTokenRow, 'token' | 'usesAllowed' | 'expiryTime'>,
  ): Promise<void> {
    await q.query(`INSERT INTO registration_tokens (token, uses_allowed, expiry_time) VALUES ($1, $2, $3)`, [
      token.token,
      token.usesAllowed,
      token.expiryTime,
    ]);
  }

  async get(q: Queryable, token: string): Promise<RegistrationTokenRow | null> {
    const rows = await q.query(
      `SELECT token, uses_allowed, pending, completed, expiry_time FROM registration_tokens WHERE token = $1`,
      [token],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      token: row.token,
      usesAllowed: row.uses_allowed,
      pending: row.pending,
      completed: row.completed,
      expiryTime: row.expiry_time === null ? null : Number(row.expiry_time),
    };
  }

  async isValid(q: Queryable, token: string, now: number): Promise<boolean> {
    const rows = await q.query(`SELECT 1 FROM registration_tokens WHERE token = $1 AND ${VALID}`, [
      token,
      now,
    ]);
    return rows.length > 0;
  }

  /** Takes one use of a valid token as pending; false when the token is unknown, expired or used up. */
  async reserve(q: Queryable, token: string, now: number): Promise<boolean> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE ... RETURNING with [rows, count].
    const rows = await q.query(
      `WITH changed AS (
         UPDATE registration_tokens SET pending = pending + 1 WHERE token = $1 AND ${VALID} RETURNING token
       ) SELECT token FROM changed`,
      [token, now],
    );
    return rows.length > 0;
  }

  /** A pending use became a registration. */
  async consume(q: Queryable, token: string): Promise<void> {
    await q.query(
      `UPDATE registration_tokens SET pending = GREATEST(pending - 1, 0), completed = completed + 1 WHERE token = $1`,
      [token],
    );
  }

  /** A pending use was abandoned (its session expired). */
  async release(q: Queryable, token: string): Promise<void> {
    await q.query(`UPDATE registration_tokens SET pending = GREATEST(pending - 1, 0) WHERE token = $1`, [
      token,
    ]);
  }
}

const VALID = `(uses_allowed IS NULL OR pending + completed < uses_allowed)
  AND (expiry_time IS NULL OR expiry_time > $2)`;
