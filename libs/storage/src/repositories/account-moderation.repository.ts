import { Injectable } from '@nestjs/common';
import { AccessTokenCache } from '../caches/access-token-cache';
import { Queryable } from '../transactions';

/** What an admin needs to know of an account before locking or suspending it. */
export interface AccountModerationRow {
  userId: string;
  admin: boolean;
  deactivated: boolean;
  locked: boolean;
  suspended: boolean;
}

export type ModerationFlag = 'locked' | 'suspended';

/**
 * The `locked` and `suspended` flags of local accounts. Every access token's owner row carries
 * them (AccessTokensRepository.findAccessToken), so a change revokes the token cache: it applies
 * to the account's next request, not after the cache's TTL.
 */
@Injectable()
export class AccountModerationRepository {
  constructor(private readonly cache: AccessTokenCache) {}

  async find(q: Queryable, userId: string): Promise<AccountModerationRow | null> {
    const rows = await q.query(
      `SELECT user_id, admin, deactivated, locked, suspended FROM users WHERE user_id = $1`,
      [userId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      userId: row.user_id,
      admin: row.admin,
      deactivated: row.deactivated,
      locked: row.locked,
      suspended: row.suspended,
    };
  }

  async set(q: Queryable, userId: string, flag: ModerationFlag, value: boolean): Promise<void> {
    this.cache.revoke(q);
    // The column name comes from the ModerationFlag union, never from a request.
    await q.query(`UPDATE users SET ${flag} = $2 WHERE user_id = $1`, [userId, value]);
  }
}
