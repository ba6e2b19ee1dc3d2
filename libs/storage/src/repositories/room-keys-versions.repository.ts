import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

/** A backup version of a user; versions are numbered 1, 2, ... per user and never reused. */
export interface RoomKeysVersionRow {
  version: number;
  algorithm: string;
  /** Algorithm-dependent JSON, stored as given. */
  authData: unknown;
  /** Moves on every change of the backup's keys (client-server-api "etag"). */
  etag: number;
  deleted: boolean;
}

/** Backup versions of server-side key backups (client-server-api "Server-side key backups"). */
@Injectable()
export class RoomKeysVersionsRepository {
  /** Creates the user's next version and returns its number. */
  async create(tx: Tx, userId: string, algorithm: string, authData: unknown): Promise<number> {
    // Serialises creations of one user: the next number is read from the rows.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('room_keys_versions:' || $1, 0))`, [
      userId,
    ]);
    const [{ version }] = await tx.query(
      `INSERT INTO room_keys_versions (user_id, version, algorithm, auth_data)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3::jsonb FROM room_keys_versions WHERE user_id = $1
       RETURNING version`,
      [userId, algorithm, JSON.stringify(authData)],
    );
    return Number(version);
  }

  /**
   * The version, deleted or not; null when it never existed. `forUpdate` locks it until commit,
   * so writes to its keys and etag happen one at a time.
   */
  async get(
    q: Queryable,
    userId: string,
    version: number,
    options: { forUpdate?: boolean } = {},
  ): Promise<RoomKeysVersionRow | null> {
    const rows = await q.query(
      `SELECT * FROM room_keys_versions WHERE user_id = $1 AND version = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [userId, version],
    );
    return rows.length ? toVersion(rows[0]) : null;
  }

  /** The newest version not deleted, or null. */
  async current(q: Queryable, userId: string): Promise<RoomKeysVersionRow | null> {
    const rows = await q.query(
      `SELECT * FROM room_keys_versions WHERE user_id = $1 AND NOT deleted ORDER BY version DESC LIMIT 1`,
      [userId],
    );
    return rows.length ? toVersion(rows[0]) : null;
  }

  async setAuthData(q: Queryable, userId: string, version: number, authData: unknown): Promise<void> {
    await q.query(`UPDATE room_keys_versions SET auth_data = $3::jsonb WHERE user_id = $1 AND version = $2`, [
      userId,
      version,
      JSON.stringify(authData),
    ]);
  }

  /** Moves the etag on and returns the new one. */
  async bumpEtag(tx: Tx, userId: string, version: number): Promise<number> {
    const [{ etag }] = await tx.query(
      `WITH changed AS (
         UPDATE room_keys_versions SET etag = etag + 1 WHERE user_id = $1 AND version = $2 RETURNING etag
       ) SELECT etag FROM changed`,
      [userId, version],
    );
    return Number(etag);
  }

  /** Marks the version deleted and deletes its keys. */
  async delete(tx: Tx, userId: string, version: number): Promise<void> {
    await tx.query(`DELETE FROM room_keys WHERE user_id = $1 AND version = $2`, [userId, version]);
    await tx.query(`UPDATE room_keys_versions SET deleted = true WHERE user_id = $1 AND version = $2`, [
      userId,
      version,
    ]);
  }
}

function toVersion(row: Record<string, unknown>): RoomKeysVersionRow {
  return {
    version: Number(row.version),
    algorithm: row.algorithm as string,
    authData: row.auth_data,
    etag: Number(row.etag),
    deleted: row.deleted as boolean,
  };
}
