import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** Short-lived single-use `m.login.token` tokens, stored as hashes (client-server-api "Token-based"). */
@Injectable()
export class LoginTokensRepository {
  async create(q: Queryable, token: { hash: Buffer; userId: string; expiresTs: number }): Promise<void> {
    await q.query(`INSERT INTO login_tokens (token_hash, user_id, expires_ts) VALUES ($1, $2, $3)`, [
      token.hash,
      token.userId,
      token.expiresTs,
    ]);
  }

  /** Uses up the token: its user when it exists and has not expired, else null. */
  async consume(q: Queryable, hash: Buffer, now: number): Promise<string | null> {
    const rows = await q.query(
      `WITH del AS (DELETE FROM login_tokens WHERE token_hash = $1 RETURNING user_id, expires_ts)
       SELECT user_id, expires_ts FROM del`,
      [hash],
    );
    if (rows.length === 0 || Number(rows[0].expires_ts) <= now) return null;
    return rows[0].user_id as string;
  }
}
