import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** A third-party identifier bound to an account (client-server-api "GET /account/3pid"). */
export interface ThreepidRow {
  userId: string;
  medium: string;
  address: string;
  validatedAt: number;
  addedAt: number;
}

/** A validation session of a third-party identifier (client-server-api "requestToken" endpoints). */
export interface ThreepidValidationRow {
  sessionId: string;
  medium: string;
  address: string;
  clientSecret: string;
  token: string;
  sendAttempt: number;
  validatedAt: number | null;
  createdTs: number;
}

@Injectable()
export class ThreepidsRepository {
  /** Binds the 3PID to `userId`; false when another account already has it. */
  async add(q: Queryable, row: ThreepidRow): Promise<boolean> {
    const rows = await q.query(
      `WITH ins AS (
         INSERT INTO user_threepids (medium, address, user_id, validated_at, added_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (medium, address) DO UPDATE SET validated_at = EXCLUDED.validated_at
           WHERE user_threepids.user_id = EXCLUDED.user_id
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [row.medium, row.address, row.userId, row.validatedAt, row.addedAt],
    );
    return rows[0].n > 0;
  }

  async ownerOf(q: Queryable, medium: string, address: string): Promise<string | null> {
    const rows = await q.query(`SELECT user_id FROM user_threepids WHERE medium = $1 AND address = $2`, [
      medium,
      address,
    ]);
    return rows.length ? (rows[0].user_id as string) : null;
  }

  async forUser(q: Queryable, userId: string): Promise<ThreepidRow[]> {
    const rows = await q.query(`SELECT * FROM user_threepids WHERE user_id = $1 ORDER BY added_at`, [userId]);
    return rows.map((r: Record<string, unknown>) => ({
      userId: r.user_id as string,
      medium: r.medium as string,
      address: r.address as string,
      validatedAt: Number(r.validated_at),
      addedAt: Number(r.added_at),
    }));
  }

  async remove(q: Queryable, userId: string, medium: string, address: string): Promise<boolean> {
    const rows = await q.query(
      `WITH del AS (DELETE FROM user_threepids WHERE user_id = $1 AND medium = $2 AND address = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM del`,
      [userId, medium, address],
    );
    return rows[0].n > 0;
  }

  async removeAllOf(q: Queryable, userId: string): Promise<void> {
    await q.query(`DELETE FROM user_threepids WHERE user_id = $1`, [userId]);
  }

  async createValidation(q: Queryable, row: ThreepidValidationRow): Promise<void> {
    await q.query(
      `INSERT INTO threepid_validation_sessions
         (session_id, medium, address, client_secret, token, send_attempt, validated_at, created_ts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.sessionId,
        row.medium,
        row.address,
        row.clientSecret,
        row.token,
        row.sendAttempt,
        row.validatedAt,
        row.createdTs,
      ],
    );
  }

  /** The newest session for this address and client secret (a repeated requestToken finds it). */
  async findValidation(
    q: Queryable,
    medium: string,
    address: string,
    clientSecret: string,
  ): Promise<ThreepidValidationRow | null> {
    const rows = await q.query(
      `SELECT * FROM threepid_validation_sessions WHERE medium = $1 AND address = $2 AND client_secret = $3
       ORDER BY created_ts DESC LIMIT 1`,
      [medium, address, clientSecret],
    );
    return rows.length ? toValidation(rows[0]) : null;
  }

  async getValidation(q: Queryable, sessionId: string): Promise<ThreepidValidationRow | null> {
    const rows = await q.query(`SELECT * FROM threepid_validation_sessions WHERE session_id = $1`, [
      sessionId,
    ]);
    return rows.length ? toValidation(rows[0]) : null;
  }

  async setSendAttempt(q: Queryable, sessionId: string, sendAttempt: number): Promise<void> {
    await q.query(`UPDATE threepid_validation_sessions SET send_attempt = $2 WHERE session_id = $1`, [
      sessionId,
      sendAttempt,
    ]);
  }

  async markValidated(q: Queryable, sessionId: string, at: number): Promise<void> {
    await q.query(
      `UPDATE threepid_validation_sessions SET validated_at = $2 WHERE session_id = $1 AND validated_at IS NULL`,
      [sessionId, at],
    );
  }
}

function toValidation(r: Record<string, unknown>): ThreepidValidationRow {
  return {
    sessionId: r.session_id as string,
    medium: r.medium as string,
    address: r.address as string,
    clientSecret: r.client_secret as string,
    token: r.token as string,
    sendAttempt: Number(r.send_attempt),
    validatedAt: r.validated_at === null ? null : Number(r.validated_at),
    createdTs: Number(r.created_ts),
  };
}
