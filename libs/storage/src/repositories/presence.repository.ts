import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';
import { nextStreamPosition } from './stream-position';

export interface PresenceRow {
  userId: string;
  presence: string;
  statusMsg: string | null;
  lastActiveTs: number;
  streamId: number;
}

export type NewPresence = Omit<PresenceRow, 'streamId'>;

// Differs from every other advisory lock of the database (see EventsRepository).
const PRESENCE_LOCK = 0x5357_0003;

// The users who share a joined room with $1, and $1 itself: whose presence $1 is sent.
const WATCHED_BY = `(p.user_id = $1 OR EXISTS (
  SELECT 1 FROM room_memberships mine JOIN room_memberships theirs ON theirs.room_id = mine.room_id
  WHERE mine.user_id = $1 AND mine.membership = 'join'
    AND theirs.user_id = p.user_id AND theirs.membership = 'join'))`;

/** Each user's latest presence (modules/presence.md), a /sync stream. */
@Injectable()
export class PresenceRepository {
  /** Stores the user's presence and returns its stream position. */
  async set(tx: Tx, row: NewPresence): Promise<number> {
    const position = await nextStreamPosition(tx, 'presence_stream_seq', PRESENCE_LOCK);
    await tx.query(
      `INSERT INTO presence (user_id, presence, status_msg, last_active_ts, stream_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE
         SET presence = $2, status_msg = $3, last_active_ts = $4, stream_id = $5`,
      [row.userId, row.presence, row.statusMsg, row.lastActiveTs, position],
    );
    return position;
  }

  /**
   * Moves the last active time without a new stream position: while the state stays the same,
   * watchers need no update, and they read last_active_ago fresh from here when they do get one.
   */
  async touch(q: Queryable, userId: string, lastActiveTs: number): Promise<void> {
    await q.query(`UPDATE presence SET last_active_ts = GREATEST(last_active_ts, $2) WHERE user_id = $1`, [
      userId,
      lastActiveTs,
    ]);
  }

  async get(q: Queryable, userId: string): Promise<PresenceRow | null> {
    const rows = await q.query(`SELECT * FROM presence WHERE user_id = $1`, [userId]);
    return rows.length ? toPresence(rows[0]) : null;
  }

  /** Whether `userId` is `watcher` or shares a joined room with it: who may see whose presence. */
  async visibleTo(q: Queryable, watcher: string, userId: string): Promise<boolean> {
    const rows = await q.query(`SELECT 1 FROM (SELECT $2::text AS user_id) p WHERE ${WATCHED_BY}`, [
      watcher,
      userId,
    ]);
    return rows.length > 0;
  }

  async maxStreamId(q: Queryable): Promise<number> {
    const [{ pos }] = await q.query(`SELECT COALESCE(MAX(stream_id), 0) AS pos FROM presence`);
    return Number(pos);
  }

  /** Presence written in (after, upTo] of the users `watcher` shares a joined room with, and its own. */
  async changedFor(q: Queryable, watcher: string, after: number, upTo: number): Promise<PresenceRow[]> {
    const rows = await q.query(
      `SELECT p.* FROM presence p WHERE p.stream_id > $2 AND p.stream_id <= $3 AND ${WATCHED_BY}
       ORDER BY p.stream_id`,
      [watcher, after, upTo],
    );
    return rows.map(toPresence);
  }
}

function toPresence(r: Record<string, unknown>): PresenceRow {
  return {
    userId: r.user_id as string,
    presence: r.presence as string,
    statusMsg: r.status_msg as string | null,
    lastActiveTs: Number(r.last_active_ts),
    streamId: Number(r.stream_id),
  };
}
