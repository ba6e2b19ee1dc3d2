import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

export interface RemoteDeviceRow {
  deviceId: string;
  /** As the device's server gave them; null for a device without keys. */
  keys: JsonObject | null;
  displayName: string | null;
}

/** A remote user's device list as cached: the remote `stream_id` it is at, and the user's cross-signing keys. */
export interface RemoteDeviceList {
  userId: string;
  streamId: number;
  masterKey: JsonObject | null;
  selfSigningKey: JsonObject | null;
  devices: RemoteDeviceRow[];
}

const SERVER_OF = (column: string) => `substring(${column} from position(':' in ${column}) + 1)`;

/**
 * The room-event position of the latest time a local user and the remote user came to share a
 * joined room, and null when they share none now. A cache filled before that position may have
 * missed updates: the remote server sends them only to servers sharing a room with its user.
 */
const LATEST_SHARED_JOIN = (userColumn: string) => `(
  SELECT MAX(GREATEST(theirs.stream_ordering, ours.stream_ordering))
    FROM room_memberships theirs JOIN room_memberships ours USING (room_id)
   WHERE theirs.user_id = ${userColumn} AND theirs.membership = 'join'
     AND ours.membership = 'join' AND ${SERVER_OF('ours.user_id')} = $2)`;

/**
 * Other servers' users' device lists (server-server-api "Device Management"), cached while a
 * local user shares a room with them, as Synapse does: filled from GET /user/devices, kept up to
 * date by m.device_list_update and m.signing_key_update EDUs. A cache is trusted only while the
 * users have shared a room ever since it was filled (see `trusted`), so none needs dropping when
 * the last shared room goes.
 */
@Injectable()
export class RemoteDeviceListsRepository {
  /** The room-event position to pass to `replace` for a snapshot asked for now. */
  async position(q: Queryable): Promise<number> {
    const [{ pos }] = await q.query(`SELECT COALESCE(MAX(stream_ordering), 0) AS pos FROM room_memberships`);
    return Number(pos);
  }

  /** Whether a user of `ownServer` shares a joined room with the user now. */
  async sharesARoom(q: Queryable, userId: string, ownServer: string): Promise<boolean> {
    const [{ latest }] = await q.query(`SELECT ${LATEST_SHARED_JOIN('$1')} AS latest`, [userId, ownServer]);
    return latest !== null;
  }

  /**
   * The cached lists of those users that share a joined room with a user of `ownServer` now and
   * have since the list was filled: each such pair of joins is older than the cache.
   */
  async trusted(
    q: Queryable,
    userIds: readonly string[],
    ownServer: string,
  ): Promise<Map<string, RemoteDeviceList>> {
    if (userIds.length === 0) return new Map();
    const lists = await q.query(
      `SELECT l.user_id, l.stream_id, l.master_key, l.self_signing_key FROM remote_device_lists l
        WHERE l.user_id = ANY($1::text[]) AND ${LATEST_SHARED_JOIN('l.user_id')} <= l.cached_at_ordering`,
      [userIds, ownServer],
    );
    const out = new Map<string, RemoteDeviceList>(
      lists.map((r: Record<string, unknown>) => [
        r.user_id as string,
        {
          userId: r.user_id as string,
          streamId: Number(r.stream_id),
          masterKey: r.master_key as JsonObject | null,
          selfSigningKey: r.self_signing_key as JsonObject | null,
          devices: [],
        },
      ]),
    );
    if (out.size === 0) return out;
    const devices = await q.query(
      `SELECT user_id, device_id, key_json, display_name FROM remote_devices
        WHERE user_id = ANY($1::text[]) ORDER BY user_id, device_id`,
      [[...out.keys()]],
    );
    for (const r of devices as Record<string, unknown>[])
      out.get(r.user_id as string)!.devices.push({
        deviceId: r.device_id as string,
        keys: r.key_json as JsonObject | null,
        displayName: r.display_name as string | null,
      });
    return out;
  }

  /** Replaces the user's cached list by a snapshot asked for at room-event position `cachedAt`. */
  async replace(tx: Tx, list: RemoteDeviceList, cachedAt: number): Promise<void> {
    await tx.query(
      `INSERT INTO remote_device_lists (user_id, stream_id, master_key, self_signing_key, cached_at_ordering)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET stream_id = $2, master_key = $3, self_signing_key = $4,
         cached_at_ordering = $5`,
      [list.userId, list.streamId, list.masterKey, list.selfSigningKey, cachedAt],
    );
    await tx.query(`DELETE FROM remote_devices WHERE user_id = $1`, [list.userId]);
    if (list.devices.length === 0) return;
    await tx.query(
      `INSERT INTO remote_devices (user_id, device_id, key_json, display_name)
       SELECT $1, * FROM unnest($2::text[], $3::jsonb[], $4::text[])`,
      [
        list.userId,
        list.devices.map((d) => d.deviceId),
        list.devices.map((d) => (d.keys === null ? null : JSON.stringify(d.keys))),
        list.devices.map((d) => d.displayName),
      ],
    );
  }

  /** One device's update at remote position `streamId`; `device` null: the device was deleted. */
  async applyUpdate(
    tx: Tx,
    userId: string,
    streamId: number,
    deviceId: string,
    device: Omit<RemoteDeviceRow, 'deviceId'> | null,
  ): Promise<void> {
    await tx.query(`UPDATE remote_device_lists SET stream_id = GREATEST(stream_id, $2) WHERE user_id = $1`, [
      userId,
      streamId,
    ]);
    if (device === null) {
      await tx.query(`DELETE FROM remote_devices WHERE user_id = $1 AND device_id = $2`, [userId, deviceId]);
      return;
    }
    await tx.query(
      `INSERT INTO remote_devices (user_id, device_id, key_json, display_name)
       SELECT user_id, $2, $3::jsonb, $4 FROM remote_device_lists WHERE user_id = $1
       ON CONFLICT (user_id, device_id) DO UPDATE SET key_json = $3, display_name = $4`,
      [userId, deviceId, device.keys, device.displayName],
    );
  }

  /** The user's new cross-signing keys; a key left undefined stays as it was. */
  async setCrossSigningKeys(
    q: Queryable,
    userId: string,
    keys: { masterKey?: JsonObject; selfSigningKey?: JsonObject },
  ): Promise<void> {
    await q.query(
      `UPDATE remote_device_lists SET master_key = COALESCE($2, master_key),
         self_signing_key = COALESCE($3, self_signing_key) WHERE user_id = $1`,
      [userId, keys.masterKey ?? null, keys.selfSigningKey ?? null],
    );
  }

  async forget(q: Queryable, userId: string): Promise<void> {
    await q.query(`DELETE FROM remote_device_lists WHERE user_id = $1`, [userId]);
  }
}
