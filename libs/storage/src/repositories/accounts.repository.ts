import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { AccessTokenCache } from '../caches/access-token-cache';
import { Queryable } from '../transactions';

export interface AccountRow {
  userId: string;
  passwordHash: string | null;
  admin: boolean;
  deactivated: boolean;
  isGuest: boolean;
  /** Synapse's user types (`support`, `bot`); null for a regular user. */
  userType: string | null;
  erased: boolean;
  createdTs: number;
}

export type NewAccount = Pick<
  AccountRow,
  'userId' | 'passwordHash' | 'admin' | 'isGuest' | 'userType' | 'createdTs'
>;

const COLUMNS = 'user_id, password_hash, admin, deactivated, is_guest, user_type, erased, created_ts';

/** The `users` table as accounts see it: creation, lookup for login, password and deactivation. */
@Injectable()
export class AccountsRepository {
  /** Ending devices or accounts ends their sessions (see AccessTokenCache). */
  constructor(private readonly cache: AccessTokenCache) {}

  /** M_USER_IN_USE when the ID is taken (client-server-api "register"). */
  async create(q: Queryable, account: NewAccount): Promise<void> {
    const rows = await q.query(
      `INSERT INTO users (user_id, password_hash, admin, is_guest, user_type, created_ts)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [
        account.userId,
        account.passwordHash,
        account.admin,
        account.isGuest,
        account.userType,
        account.createdTs,
      ],
    );
    if (rows.length === 0) throw new MatrixError('M_USER_IN_USE', 400, 'User ID already taken.');
  }

  async find(q: Queryable, userId: string): Promise<AccountRow | null> {
    const rows = await q.query(`SELECT ${COLUMNS} FROM users WHERE user_id = $1`, [userId]);
    return rows.length ? toAccount(rows[0]) : null;
  }

  /** Those of `userIds` whose accounts were deactivated with erasure, in one query. */
  async erasedAmong(q: Queryable, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: { user_id: string }[] = await q.query(
      `SELECT user_id FROM users WHERE erased AND user_id = ANY($1)`,
      [userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Every account whose ID equals `userId` ignoring case: login accepts any capitalisation. */
  async findIgnoringCase(q: Queryable, userId: string): Promise<AccountRow[]> {
    const rows = await q.query(
      `SELECT ${COLUMNS} FROM users WHERE lower(user_id) = lower($1) ORDER BY user_id`,
      [userId],
    );
    return rows.map(toAccount);
  }

  async setPasswordHash(q: Queryable, userId: string, passwordHash: string): Promise<void> {
    await q.query(`UPDATE users SET password_hash = $2 WHERE user_id = $1`, [userId, passwordHash]);
  }

  /** A guest account becomes a full one with a password (modules/guest_access "upgrade their account"). */
  async upgradeGuest(q: Queryable, userId: string, passwordHash: string): Promise<void> {
    this.cache.revoke(q);
    await q.query(`UPDATE users SET is_guest = false, password_hash = $2 WHERE user_id = $1 AND is_guest`, [
      userId,
      passwordHash,
    ]);
  }

  /** Marks the account deactivated; `erase` also forgets its password hash. */
  async deactivate(q: Queryable, userId: string, ts: number, erase: boolean): Promise<void> {
    this.cache.revoke(q);
    await q.query(
      `UPDATE users SET deactivated = true, deactivated_ts = $2, erased = erased OR $3,
         password_hash = CASE WHEN $3 THEN NULL ELSE password_hash END
       WHERE user_id = $1`,
      [userId, ts, erase],
    );
  }
}

function toAccount(row: Record<string, unknown>): AccountRow {
  return {
    userId: row.user_id as string,
    passwordHash: row.password_hash as string | null,
    admin: row.admin as boolean,
    deactivated: row.deactivated as boolean,
    isGuest: row.is_guest as boolean,
    userType: row.user_type as string | null,
    erased: row.erased as boolean,
    createdTs: Number(row.created_ts),
  };
}
