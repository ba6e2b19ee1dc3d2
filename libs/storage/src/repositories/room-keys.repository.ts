import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

/** A backed-up megolm session key (client-server-api "KeyBackupData"). */
export interface RoomKeyRow {
  roomId: string;
  sessionId: string;
  firstMessageIndex: number;
  forwardedCount: number;
  isVerified: boolean;
  /** Algorithm-dependent JSON, stored as given. */
  sessionData: unknown;
}

/** Which keys of a backup: all, a room's, or one session's. */
export interface RoomKeysScope {
  roomId?: string;
  sessionId?: string;
}

/** The keys of server-side key backups, per (user, version, room, session). */
@Injectable()
export class RoomKeysRepository {
  async list(
    q: Queryable,
    userId: string,
    version: number,
    scope: RoomKeysScope = {},
  ): Promise<RoomKeyRow[]> {
    const rows = await q.query(
      `SELECT * FROM room_keys WHERE user_id = $1 AND version = $2
         AND ($3::text IS NULL OR room_id = $3) AND ($4::text IS NULL OR session_id = $4)
       ORDER BY room_id, session_id`,
      [userId, version, scope.roomId ?? null, scope.sessionId ?? null],
    );
    return rows.map(toRoomKey);
  }

  /** The stored keys among the given (room, session) pairs. */
  async find(
    q: Queryable,
    userId: string,
    version: number,
    sessions: readonly Pick<RoomKeyRow, 'roomId' | 'sessionId'>[],
  ): Promise<RoomKeyRow[]> {
    if (sessions.length === 0) return [];
    const rows = await q.query(
      `SELECT k.* FROM room_keys k
       JOIN unnest($3::text[], $4::text[]) AS s (room_id, session_id)
         ON k.room_id = s.room_id AND k.session_id = s.session_id
       WHERE k.user_id = $1 AND k.version = $2`,
      [userId, version, sessions.map((s) => s.roomId), sessions.map((s) => s.sessionId)],
    );
    return rows.map(toRoomKey);
  }

  async upsert(tx: Tx, userId: string, version: number, keys: readonly RoomKeyRow[]): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(
      `INSERT INTO room_keys (user_id, version, room_id, session_id, first_message_index, forwarded_count,
                              is_verified, session_data)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::boolean[], $8::jsonb[])
       ON CONFLICT (user_id, version, room_id, session_id) DO UPDATE SET
         first_message_index = EXCLUDED.first_message_index, forwarded_count = EXCLUDED.forwarded_count,
         is_verified = EXCLUDED.is_verified, session_data = EXCLUDED.session_data`,
      [
        userId,
        version,
        keys.map((k) => k.roomId),
        keys.map((k) => k.sessionId),
        keys.map((k) => k.firstMessageIndex),
        keys.map((k) => k.forwardedCount),
        keys.map((k) => k.isVerified),
        keys.map((k) => JSON.stringify(k.sessionData)),
      ],
    );
  }

  /** Deletes the keys in scope; returns how many there were. */
  async delete(tx: Tx, userId: string, version: number, scope: RoomKeysScope = {}): Promise<number> {
    const rows = await tx.query(
      `WITH gone AS (
         DELETE FROM room_keys WHERE user_id = $1 AND version = $2
           AND ($3::text IS NULL OR room_id = $3) AND ($4::text IS NULL OR session_id = $4)
         RETURNING 1
       ) SELECT count(*) AS n FROM gone`,
      [userId, version, scope.roomId ?? null, scope.sessionId ?? null],
    );
    return Number(rows[0].n);
  }

  async count(q: Queryable, userId: string, version: number): Promise<number> {
    const [{ n }] = await q.query(`SELECT count(*) AS n FROM room_keys WHERE user_id = $1 AND version = $2`, [
      userId,
      version,
    ]);
    return Number(n);
  }
}

function toRoomKey(row: Record<string, unknown>): RoomKeyRow {
  return {
    roomId: row.room_id as string,
    sessionId: row.session_id as string,
    firstMessageIndex: Number(row.first_message_index),
    forwardedCount: Number(row.forwarded_count),
    isVerified: row.is_verified as boolean,
    sessionData: row.session_data,
  };
}
