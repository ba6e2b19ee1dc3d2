import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

export interface DeviceKeysRow {
  userId: string;
  deviceId: string;
  /** As the device uploaded them, signatures included. */
  keys: JsonObject;
  displayName: string | null;
}

/** Devices' identity keys (client-server-api "Uploading keys"); they go when their device goes. */
@Injectable()
export class DeviceKeysRepository {
  async get(q: Queryable, userId: string, deviceId: string): Promise<JsonObject | null> {
    const rows = await q.query(`SELECT key_json FROM e2e_device_keys WHERE user_id = $1 AND device_id = $2`, [
      userId,
      deviceId,
    ]);
    return rows.length ? (rows[0].key_json as JsonObject) : null;
  }

  /** Stores (or replaces) the keys of a device; false when the device does not exist (any more). */
  async store(tx: Tx, userId: string, deviceId: string, keys: object): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO e2e_device_keys (user_id, device_id, key_json)
       SELECT user_id, device_id, $3 FROM devices WHERE user_id = $1 AND device_id = $2
       ON CONFLICT (user_id, device_id) DO UPDATE SET key_json = EXCLUDED.key_json RETURNING device_id`,
      [userId, deviceId, keys],
    );
    return rows.length > 0;
  }

  /** The keys of every device of the users that has uploaded some, with the device's display name. */
  async forUsers(q: Queryable, userIds: readonly string[]): Promise<DeviceKeysRow[]> {
    if (userIds.length === 0) return [];
    const rows = await q.query(
      `SELECT k.user_id, k.device_id, k.key_json, d.display_name
         FROM e2e_device_keys k JOIN devices d USING (user_id, device_id)
        WHERE k.user_id = ANY($1::text[]) ORDER BY k.user_id, k.device_id`,
      [userIds],
    );
    return rows.map((r: Record<string, unknown>) => ({
      userId: r.user_id as string,
      deviceId: r.device_id as string,
      keys: r.key_json as JsonObject,
      displayName: r.display_name as string | null,
    }));
  }
}
