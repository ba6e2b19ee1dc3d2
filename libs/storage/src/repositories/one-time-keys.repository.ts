import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

/** A key as uploaded: an unpadded base64 string, or a signed key object. */
export type KeyJson = string | Record<string, unknown>;

export interface UploadedKey {
  algorithm: string;
  keyId: string;
  key: KeyJson;
}

/**
 * One-time and fallback keys of devices (client-server-api "One-time and fallback keys"). A
 * one-time key is handed out once; a device's fallback key (one per algorithm) is handed out
 * whenever it has no one-time key left, until it uploads another.
 */
@Injectable()
export class OneTimeKeysRepository {
  /** The stored keys among `keys` (by algorithm and key ID). */
  async existing(
    q: Queryable,
    userId: string,
    deviceId: string,
    keys: readonly Pick<UploadedKey, 'algorithm' | 'keyId'>[],
  ): Promise<UploadedKey[]> {
    if (keys.length === 0) return [];
    const rows = await q.query(
      `SELECT algorithm, key_id, key_json FROM e2e_one_time_keys
        WHERE user_id = $1 AND device_id = $2
          AND (algorithm, key_id) IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
      [userId, deviceId, keys.map((k) => k.algorithm), keys.map((k) => k.keyId)],
    );
    return rows.map(toKey);
  }

  /** Stores new keys; one call's keys share a place in the claim order. */
  async insert(tx: Tx, userId: string, deviceId: string, keys: readonly UploadedKey[]): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(
      `WITH batch AS (SELECT nextval(pg_get_serial_sequence('e2e_one_time_keys', 'upload_id')) AS id)
       INSERT INTO e2e_one_time_keys (user_id, device_id, algorithm, key_id, key_json, upload_id)
       SELECT $1, $2, k.algorithm, k.key_id, k.key_json, batch.id
         FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS k (algorithm, key_id, key_json), batch
       ON CONFLICT DO NOTHING`,
      [
        userId,
        deviceId,
        keys.map((k) => k.algorithm),
        keys.map((k) => k.keyId),
        keys.map((k) => JSON.stringify(k.key)),
      ],
    );
  }

  /** Unclaimed one-time keys of the device, per algorithm. */
  async counts(q: Queryable, userId: string, deviceId: string): Promise<Record<string, number>> {
    const rows = await q.query(
      `SELECT algorithm, COUNT(*) AS n FROM e2e_one_time_keys WHERE user_id = $1 AND device_id = $2
        GROUP BY algorithm`,
      [userId, deviceId],
    );
    return Object.fromEntries(rows.map((r: Record<string, unknown>) => [r.algorithm, Number(r.n)]));
  }

  /** Takes the oldest one-time key of the algorithm: no later claim gets it again. */
  async claim(tx: Tx, userId: string, deviceId: string, algorithm: string): Promise<UploadedKey | null> {
    const rows = await tx.query(
      `WITH taken AS (
         DELETE FROM e2e_one_time_keys WHERE ctid = (
           SELECT ctid FROM e2e_one_time_keys WHERE user_id = $1 AND device_id = $2 AND algorithm = $3
            ORDER BY upload_id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING algorithm, key_id, key_json)
       SELECT * FROM taken`,
      [userId, deviceId, algorithm],
    );
    return rows.length ? toKey(rows[0]) : null;
  }

  /**
   * keys/claim for this server's devices (user ID to device ID to algorithm): per device a one-time
   * key of the algorithm if one is left, else its fallback key, as `<algorithm>:<key_id>` to the
   * key. A device with neither is left out.
   */
  async claimForDevices(
    tx: Tx,
    requests: ReadonlyMap<string, ReadonlyMap<string, string>>,
  ): Promise<Record<string, Record<string, Record<string, KeyJson>>>> {
    const out: Record<string, Record<string, Record<string, KeyJson>>> = {};
    for (const [userId, devices] of requests) {
      for (const [deviceId, algorithm] of devices) {
        const key =
          (await this.claim(tx, userId, deviceId, algorithm)) ??
          (await this.claimFallback(tx, userId, deviceId, algorithm));
        if (key) ((out[userId] ??= {})[deviceId] ??= {})[`${key.algorithm}:${key.keyId}`] = key.key;
      }
    }
    return out;
  }

  /**
   * Sets the device's fallback key of the algorithm. Uploading the same key again keeps its "used"
   * mark; another key replaces it unused.
   */
  async setFallback(tx: Tx, userId: string, deviceId: string, key: UploadedKey): Promise<void> {
    await tx.query(
      `INSERT INTO e2e_fallback_keys (user_id, device_id, algorithm, key_id, key_json)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (user_id, device_id, algorithm) DO UPDATE
         SET key_id = excluded.key_id, key_json = excluded.key_json,
             used = e2e_fallback_keys.used AND e2e_fallback_keys.key_id = excluded.key_id
                    AND e2e_fallback_keys.key_json = excluded.key_json`,
      [userId, deviceId, key.algorithm, key.keyId, JSON.stringify(key.key)],
    );
  }

  /** The device's fallback key of the algorithm, now marked used. */
  async claimFallback(
    tx: Tx,
    userId: string,
    deviceId: string,
    algorithm: string,
  ): Promise<UploadedKey | null> {
    const rows = await tx.query(
      `WITH used AS (
         UPDATE e2e_fallback_keys SET used = true WHERE user_id = $1 AND device_id = $2 AND algorithm = $3
         RETURNING algorithm, key_id, key_json)
       SELECT * FROM used`,
      [userId, deviceId, algorithm],
    );
    return rows.length ? toKey(rows[0]) : null;
  }

  /** The algorithms of the device's fallback keys that were not handed out yet. */
  async unusedFallbackAlgorithms(q: Queryable, userId: string, deviceId: string): Promise<string[]> {
    const rows = await q.query(
      `SELECT algorithm FROM e2e_fallback_keys WHERE user_id = $1 AND device_id = $2 AND NOT used
        ORDER BY algorithm`,
      [userId, deviceId],
    );
    return rows.map((r: Record<string, unknown>) => r.algorithm as string);
  }
}

function toKey(r: Record<string, unknown>): UploadedKey {
  return { algorithm: r.algorithm as string, keyId: r.key_id as string, key: r.key_json as KeyJson };
}
