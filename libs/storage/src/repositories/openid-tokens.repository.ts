import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/**
 * OpenID tokens (client-server-api "OpenID"), reusable until they expire. Kept as SHA-256 hashes:
 * the client API writes them and the federation API checks them, neither needs them back.
 */
@Injectable()
export class OpenIdTokensRepository {
  async create(q: Queryable, token: { token: string; userId: string; expiresTs: number }): Promise<void> {
    await q.query(`INSERT INTO openid_tokens (token_hash, user_id, expires_ts) VALUES ($1, $2, $3)`, [
      hash(token.token),
      token.userId,
      token.expiresTs,
    ]);
  }

  /** The token's user while it has not expired, else null. Expired tokens are dropped on the way. */
  async userOf(q: Queryable, token: string, now: number): Promise<string | null> {
    await q.query(`DELETE FROM openid_tokens WHERE expires_ts <= $1`, [now]);
    const rows = await q.query(
      `SELECT user_id FROM openid_tokens WHERE token_hash = $1 AND expires_ts > $2`,
      [hash(token), now],
    );
    return rows.length ? (rows[0].user_id as string) : null;
  }
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
