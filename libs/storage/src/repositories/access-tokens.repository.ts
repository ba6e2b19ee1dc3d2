import { Injectable } from '@nestjs/common';
import { AccessTokenCache } from '../caches/access-token-cache';
import { Queryable, Tx } from '../transactions';

/** What a request's access token resolves to, with what the auth check needs about its owner. */
export interface AccessTokenOwner {
  tokenId: number;
  userId: string;
  deviceId: string;
  expiresTs: number | null;
  refreshTokenId: number | null;
  /** Whether a request has already used this token (refresh rotation, see markUsed). */
  used: boolean;
  isGuest: boolean;
  deactivated: boolean;
  /** client-server-api "Account locking" and "Account suspension", set by a server admin. */
  locked: boolean;
  suspended: boolean;
  lastSeenTs: number | null;
}

export interface NewAccessToken {
  hash: Buffer;
  userId: string;
  deviceId: string;
  createdTs: number;
  expiresTs: number | null;
  refreshTokenId: number | null;
}

export interface RefreshTokenRow {
  id: number;
  userId: string;
  deviceId: string;
  nextTokenId: number | null;
}

/**
 * Access and refresh tokens, stored as SHA-256 hashes. A refresh token points at the one issued
 * when it was used (`next_token_id`), so the server can revoke it once its successor is used
 * (client-server-api "Refreshing access tokens").
 */
@Injectable()
export class AccessTokensRepository {
  constructor(private readonly cache: AccessTokenCache) {}

  async insertAccessToken(q: Queryable, token: NewAccessToken): Promise<void> {
    await q.query(
      `INSERT INTO access_tokens (token_hash, user_id, device_id, created_ts, expires_ts, refresh_token_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [token.hash, token.userId, token.deviceId, token.createdTs, token.expiresTs, token.refreshTokenId],
    );
  }

  async insertRefreshToken(
    q: Queryable,
    token: { hash: Buffer; userId: string; deviceId: string; createdTs: number },
  ): Promise<number> {
    const rows = await q.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, device_id, created_ts) VALUES ($1, $2, $3, $4) RETURNING id`,
      [token.hash, token.userId, token.deviceId, token.createdTs],
    );
    return Number(rows[0].id);
  }

  async findAccessToken(q: Queryable, hash: Buffer): Promise<AccessTokenOwner | null> {
    const rows = await q.query(
      `SELECT t.id, t.user_id, t.device_id, t.expires_ts, t.refresh_token_id, t.used,
              u.is_guest, u.deactivated, u.locked, u.suspended, d.last_seen_ts
       FROM access_tokens t
       JOIN users u ON u.user_id = t.user_id
       JOIN devices d ON d.user_id = t.user_id AND d.device_id = t.device_id
       WHERE t.token_hash = $1`,
      [hash],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      tokenId: Number(row.id),
      userId: row.user_id,
      deviceId: row.device_id,
      expiresTs: row.expires_ts === null ? null : Number(row.expires_ts),
      refreshTokenId: row.refresh_token_id === null ? null : Number(row.refresh_token_id),
      used: row.used,
      isGuest: row.is_guest,
      deactivated: row.deactivated,
      locked: row.locked,
      suspended: row.suspended,
      lastSeenTs: row.last_seen_ts === null ? null : Number(row.last_seen_ts),
    };
  }

  /**
   * The first use of an access token issued by a refresh: the refresh token that was exchanged
   * for it (the predecessor of its own refresh token) is revoked now.
   */
  async markUsed(q: Queryable, tokenId: number, refreshTokenId: number): Promise<void> {
    await q.query(`UPDATE access_tokens SET used = true WHERE id = $1`, [tokenId]);
    await this.deletePredecessors(q, refreshTokenId);
  }

  async deleteAccessToken(q: Queryable, tokenId: number): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM access_tokens WHERE id = $1`, [tokenId]);
  }

  /** Locks the refresh token's row: two refreshes with one token run one after the other. */
  async lockRefreshToken(tx: Tx, hash: Buffer): Promise<RefreshTokenRow | null> {
    const rows = await tx.query(
      `SELECT id, user_id, device_id, next_token_id FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [hash],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      id: Number(row.id),
      userId: row.user_id,
      deviceId: row.device_id,
      nextTokenId: row.next_token_id === null ? null : Number(row.next_token_id),
    };
  }

  /** Deletes a refresh token and (cascading) the access tokens it issued. */
  async deleteRefreshToken(q: Queryable, id: number): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM refresh_tokens WHERE id = $1`, [id]);
  }

  /** Deletes the access tokens issued alongside a refresh token. */
  async deleteAccessTokensOf(q: Queryable, refreshTokenId: number): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM access_tokens WHERE refresh_token_id = $1`, [refreshTokenId]);
  }

  /** Deletes the refresh tokens that were exchanged for `refreshTokenId`. */
  async deletePredecessors(q: Queryable, refreshTokenId: number): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM refresh_tokens WHERE next_token_id = $1`, [refreshTokenId]);
  }

  async setNextRefreshToken(q: Queryable, id: number, nextId: number): Promise<void> {
    await q.query(`UPDATE refresh_tokens SET next_token_id = $2 WHERE id = $1`, [id, nextId]);
  }

  /** Every token of a device: a login that names an existing device starts it afresh. */
  async deleteForDevice(q: Queryable, userId: string, deviceId: string): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM access_tokens WHERE user_id = $1 AND device_id = $2`, [userId, deviceId]);
    await q.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND device_id = $2`, [userId, deviceId]);
  }
}
