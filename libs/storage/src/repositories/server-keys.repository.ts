import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

export interface ServerKeyRow {
  serverName: string;
  keyId: string;
  /** Unpadded Base64 of the ed25519 public key. */
  verifyKey: string;
  /** Until when signatures by this key are accepted: capped valid_until_ts, or expired_ts. */
  validUntilTs: number;
  /** Set for a key of `old_verify_keys`: valid for events, not for requests. */
  expiredTs: number | null;
  fetchedTs: number;
  /** The signed response the key came in, as JSON text. */
  keyJson: string;
}

const COLUMNS = 7;

/** Remote servers' verify keys and the responses they came in (server-server-api "Retrieving server keys"). */
@Injectable()
export class ServerKeysRepository {
  /**
   * Stores keys; a key already stored is replaced only by a row valid at least as long, so an
   * older response relayed by a notary never shortens what a fresher one said.
   */
  async upsert(q: Queryable, rows: readonly ServerKeyRow[]): Promise<void> {
    const unique = [...new Map(rows.map((r) => [`${r.serverName}\u0000${r.keyId}`, r])).values()];
    if (unique.length === 0) return;
    const values = unique
      .map((_, i) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`)
      .join(', ');
    await q.query(
      `INSERT INTO server_keys (server_name, key_id, verify_key, valid_until_ts, expired_ts, fetched_ts, key_json)
       VALUES ${values}
       ON CONFLICT (server_name, key_id) DO UPDATE
         SET verify_key = EXCLUDED.verify_key, valid_until_ts = EXCLUDED.valid_until_ts,
             expired_ts = EXCLUDED.expired_ts, fetched_ts = EXCLUDED.fetched_ts, key_json = EXCLUDED.key_json
         WHERE EXCLUDED.valid_until_ts >= server_keys.valid_until_ts`,
      unique.flatMap((r) => [
        r.serverName,
        r.keyId,
        r.verifyKey,
        r.validUntilTs,
        r.expiredTs,
        r.fetchedTs,
        r.keyJson,
      ]),
    );
  }

  async get(q: Queryable, serverName: string, keyId: string): Promise<ServerKeyRow | null> {
    const rows = await q.query(`SELECT * FROM server_keys WHERE server_name = $1 AND key_id = $2`, [
      serverName,
      keyId,
    ]);
    return rows.length ? toRow(rows[0]) : null;
  }

  /** Every stored key of a server, the longest valid first. */
  async forServer(q: Queryable, serverName: string): Promise<ServerKeyRow[]> {
    const rows = await q.query(
      `SELECT * FROM server_keys WHERE server_name = $1 ORDER BY valid_until_ts DESC, key_id`,
      [serverName],
    );
    return rows.map(toRow);
  }
}

function toRow(r: Record<string, unknown>): ServerKeyRow {
  return {
    serverName: r.server_name as string,
    keyId: r.key_id as string,
    verifyKey: r.verify_key as string,
    validUntilTs: Number(r.valid_until_ts),
    expiredTs: r.expired_ts === null ? null : Number(r.expired_ts),
    fetchedTs: Number(r.fetched_ts),
    keyJson: r.key_json as string,
  };
}
