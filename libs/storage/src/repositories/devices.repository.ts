import { Injectable } from '@nestjs/common';
import { AccessTokenCache } from '../caches/access-token-cache';
import { Queryable } from '../transactions';

export interface DeviceRow {
  userId: string;
  deviceId: string;
  displayName: string | null;
  lastSeenTs: number | null;
  lastSeenIp: string | null;
  lastSeenUserAgent: string | null;
  createdTs: number;
}

const COLUMNS =
  'user_id, device_id, display_name, last_seen_ts, last_seen_ip, last_seen_user_agent, created_ts';

/** A user's devices. Deleting one deletes its access and refresh tokens (foreign keys cascade). */
@Injectable()
export class DevicesRepository {
  /** Ending devices or accounts ends their sessions (see AccessTokenCache). */
  constructor(private readonly cache: AccessTokenCache) {}

  /** Creates the device unless it exists; true when it was created. */
  async createIfMissing(
    q: Queryable,
    device: Pick<DeviceRow, 'userId' | 'deviceId' | 'displayName' | 'createdTs'>,
  ): Promise<boolean> {
    const rows = await q.query(
      `INSERT INTO devices (user_id, device_id, display_name, created_ts) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, device_id) DO NOTHING RETURNING device_id`,
      [device.userId, device.deviceId, device.displayName, device.createdTs],
    );
    return rows.length > 0;
  }

  async get(q: Queryable, userId: string, deviceId: string): Promise<DeviceRow | null> {
    const rows = await q.query(`SELECT ${COLUMNS} FROM devices WHERE user_id = $1 AND device_id = $2`, [
      userId,
      deviceId,
    ]);
    return rows.length ? toDevice(rows[0]) : null;
  }

  async list(q: Queryable, userId: string): Promise<DeviceRow[]> {
    const rows = await q.query(`SELECT ${COLUMNS} FROM devices WHERE user_id = $1 ORDER BY device_id`, [
      userId,
    ]);
    return rows.map(toDevice);
  }

  /** True when the device exists. */
  async setDisplayName(
    q: Queryable,
    userId: string,
    deviceId: string,
    displayName: string,
  ): Promise<boolean> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE ... RETURNING with [rows, count].
    const rows = await q.query(
      `WITH changed AS (UPDATE devices SET display_name = $3 WHERE user_id = $1 AND device_id = $2 RETURNING device_id)
       SELECT device_id FROM changed`,
      [userId, deviceId, displayName],
    );
    return rows.length > 0;
  }

  async touch(
    q: Queryable,
    userId: string,
    deviceId: string,
    ts: number,
    ip: string | null,
    userAgent: string | null = null,
  ): Promise<void> {
    await q.query(
      `UPDATE devices SET last_seen_ts = $3, last_seen_ip = $4, last_seen_user_agent = $5
       WHERE user_id = $1 AND device_id = $2`,
      [userId, deviceId, ts, ip, userAgent],
    );
  }

  /** Deletes the given devices of the user (and so their tokens); unknown IDs are ignored. */
  async delete(q: Queryable, userId: string, deviceIds: readonly string[]): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM devices WHERE user_id = $1 AND device_id = ANY($2::text[])`, [
      userId,
      deviceIds,
    ]);
  }

  /** Deletes every device of the user but `keep` (none kept when null). */
  async deleteAllExcept(q: Queryable, userId: string, keep: string | null): Promise<void> {
    this.cache.revoke(q);
    await q.query(`DELETE FROM devices WHERE user_id = $1 AND ($2::text IS NULL OR device_id <> $2)`, [
      userId,
      keep,
    ]);
  }
}

function toDevice(row: Record<string, unknown>): DeviceRow {
  return {
    userId: row.user_id as string,
    deviceId: row.device_id as string,
    displayName: row.display_name as string | null,
    lastSeenTs: row.last_seen_ts === null ? null : Number(row.last_seen_ts),
    lastSeenIp: row.last_seen_ip as string | null,
    lastSeenUserAgent: row.last_seen_user_agent as string | null,
    createdTs: Number(row.created_ts),
  };
}
