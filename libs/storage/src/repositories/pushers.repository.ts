import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** A pusher (client-server-api "Push Notifications"), keyed by user, app_id and pushkey. */
export interface PusherRow {
  userId: string;
  appId: string;
  pushkey: string;
  kind: string;
  appDisplayName: string;
  deviceDisplayName: string;
  profileTag: string | null;
  lang: string;
  data: Record<string, unknown>;
  /** The device whose access token set it; null when not known. */
  deviceId: string | null;
  createdTs: number;
}

@Injectable()
export class PushersRepository {
  async upsert(q: Queryable, p: PusherRow): Promise<void> {
    await q.query(
      `INSERT INTO pushers (user_id, app_id, pushkey, kind, app_display_name, device_display_name,
                            profile_tag, lang, data, device_id, created_ts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (user_id, app_id, pushkey) DO UPDATE SET
         kind = EXCLUDED.kind, app_display_name = EXCLUDED.app_display_name,
         device_display_name = EXCLUDED.device_display_name, profile_tag = EXCLUDED.profile_tag,
         lang = EXCLUDED.lang, data = EXCLUDED.data, device_id = EXCLUDED.device_id`,
      [
        p.userId,
        p.appId,
        p.pushkey,
        p.kind,
        p.appDisplayName,
        p.deviceDisplayName,
        p.profileTag,
        p.lang,
        p.data,
        p.deviceId,
        p.createdTs,
      ],
    );
  }

  async delete(q: Queryable, userId: string, appId: string, pushkey: string): Promise<void> {
    await q.query(`DELETE FROM pushers WHERE user_id = $1 AND app_id = $2 AND pushkey = $3`, [
      userId,
      appId,
      pushkey,
    ]);
  }

  /** Removes the pushers other users have for this app_id and pushkey. */
  async deleteOthers(q: Queryable, userId: string, appId: string, pushkey: string): Promise<void> {
    await q.query(`DELETE FROM pushers WHERE app_id = $2 AND pushkey = $3 AND user_id <> $1`, [
      userId,
      appId,
      pushkey,
    ]);
  }

  /** Removes the user's pushers whose device no longer exists (logged out). */
  async deleteOrphaned(q: Queryable, userId: string): Promise<void> {
    await q.query(
      `DELETE FROM pushers p WHERE p.user_id = $1 AND p.device_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.user_id = p.user_id AND d.device_id = p.device_id)`,
      [userId],
    );
  }

  async forUser(q: Queryable, userId: string): Promise<PusherRow[]> {
    const rows = await q.query(
      `SELECT * FROM pushers WHERE user_id = $1 ORDER BY created_ts, app_id, pushkey`,
      [userId],
    );
    return rows.map(toPusher);
  }
}

function toPusher(row: Record<string, unknown>): PusherRow {
  return {
    userId: row.user_id as string,
    appId: row.app_id as string,
    pushkey: row.pushkey as string,
    kind: row.kind as string,
    appDisplayName: row.app_display_name as string,
    deviceDisplayName: row.device_display_name as string,
    profileTag: row.profile_tag as string | null,
    lang: row.lang as string,
    data: row.data as Record<string, unknown>,
    deviceId: row.device_id as string | null,
    createdTs: Number(row.created_ts),
  };
}
