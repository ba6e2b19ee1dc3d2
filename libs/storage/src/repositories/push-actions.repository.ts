import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** What a user's push rules said of an event that notifies or highlights (push_actions). */
export interface PushActionRow {
  userId: string;
  roomId: string;
  eventId: string;
  streamOrdering: number;
  /** 'main', or the event id of the thread's root. */
  threadId: string;
  actions: unknown[];
  notify: boolean;
  highlight: boolean;
  ts: number;
}

/** A user's own event: everything before it in the room counts as read. */
export interface ReadFloor {
  userId: string;
  roomId: string;
  streamOrdering: number;
}

export interface UnreadCountRow {
  roomId: string;
  threadId: string;
  notifications: number;
  highlights: number;
}

export interface NotificationRow extends PushActionRow {
  read: boolean;
}

/**
 * Where a user has read up to in a room, per action: the later of their m.read and m.read.private
 * receipts (unthreaded, or for the action's thread) and their own last event. `pa` is the
 * push_actions row; $1 is the user.
 */
const READ_UP_TO = `GREATEST(
  COALESCE((SELECT f.stream_ordering FROM push_read_floors f WHERE f.user_id = $1 AND f.room_id = pa.room_id), 0),
  COALESCE((SELECT MAX(e.stream_ordering) FROM receipts r JOIN events e ON e.event_id = r.event_id
            WHERE r.user_id = $1 AND r.room_id = pa.room_id AND r.receipt_type IN ('m.read', 'm.read.private')
              AND r.thread_id IN ('', pa.thread_id)), 0))`;

@Injectable()
export class PushActionsRepository {
  /**
   * Stores what evaluating a batch of events found, in one statement: the actions, the removal of
   * those of redacted events (the batch's own actions for them are never stored), and the read
   * floors. With `move`, only if the evaluation position is still `from`, which then becomes `to`:
   * of several processes evaluating the same batch, one stores it. True when it was stored.
   */
  async storeBatch(
    q: Queryable,
    batch: {
      actions: readonly PushActionRow[];
      redacted?: readonly string[];
      floors?: readonly ReadFloor[];
      move?: { from: number; to: number };
    },
  ): Promise<boolean> {
    const redacted = batch.redacted ?? [];
    const gone = new Set(redacted);
    const rows = batch.actions.filter((r) => !gone.has(r.eventId));
    const floors = batch.floors ?? [];
    const [{ stored }]: { stored: boolean }[] = await q.query(
      `WITH moved AS (
         UPDATE push_evaluation_position SET stream_ordering = $13
         WHERE id = 1 AND stream_ordering = $12 AND $14
         RETURNING 1
       ),
       go AS (SELECT NOT $14 OR EXISTS (SELECT 1 FROM moved) AS ok),
       added AS (
         INSERT INTO push_actions (user_id, stream_ordering, room_id, event_id, thread_id, actions, notify, highlight, ts)
         SELECT a.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                                $7::boolean[], $8::boolean[], $9::bigint[]) AS a, go
         WHERE go.ok
         ON CONFLICT (user_id, stream_ordering) DO NOTHING
       ),
       removed AS (
         DELETE FROM push_actions USING go WHERE go.ok AND event_id = ANY($10)
       ),
       floors AS (
         INSERT INTO push_read_floors (user_id, room_id, stream_ordering)
         SELECT f.user_id, f.room_id, MAX(f.pos)
         FROM unnest($11::text[], $15::text[], $16::bigint[]) AS f(user_id, room_id, pos), go
         WHERE go.ok
         GROUP BY f.user_id, f.room_id
         ON CONFLICT (user_id, room_id) DO UPDATE
           SET stream_ordering = GREATEST(push_read_floors.stream_ordering, EXCLUDED.stream_ordering)
       )
       SELECT ok AS stored FROM go`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.streamOrdering),
        rows.map((r) => r.roomId),
        rows.map((r) => r.eventId),
        rows.map((r) => r.threadId),
        rows.map((r) => JSON.stringify(r.actions)),
        rows.map((r) => r.notify),
        rows.map((r) => r.highlight),
        rows.map((r) => r.ts),
        redacted,
        floors.map((f) => f.userId),
        batch.move?.from ?? 0,
        batch.move?.to ?? 0,
        batch.move !== undefined,
        floors.map((f) => f.roomId),
        floors.map((f) => f.streamOrdering),
      ],
    );
    return stored;
  }

  /** Unread notifications and highlights per (room, thread), among actions up to `upTo`. */
  async unreadCounts(
    q: Queryable,
    userId: string,
    roomIds: readonly string[],
    upTo: number,
  ): Promise<UnreadCountRow[]> {
    if (roomIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT pa.room_id, pa.thread_id,
              COUNT(*) FILTER (WHERE pa.notify) AS notifications,
              COUNT(*) FILTER (WHERE pa.highlight) AS highlights
       FROM push_actions pa
       WHERE pa.user_id = $1 AND pa.room_id = ANY($2) AND pa.stream_ordering <= $3
         AND pa.stream_ordering > ${READ_UP_TO}
       GROUP BY pa.room_id, pa.thread_id`,
      [userId, roomIds, upTo],
    );
    return rows.map((r) => ({
      roomId: r.room_id as string,
      threadId: r.thread_id as string,
      notifications: Number(r.notifications),
      highlights: Number(r.highlights),
    }));
  }

  /** Unread notifications in all the rooms the user is joined to (a push's badge count). */
  async unreadTotal(q: Queryable, userId: string): Promise<number> {
    const [{ total }] = await q.query(
      `SELECT COUNT(*) AS total FROM push_actions pa
       JOIN room_memberships m ON m.room_id = pa.room_id AND m.user_id = pa.user_id AND m.membership = 'join'
       WHERE pa.user_id = $1 AND pa.notify AND pa.stream_ordering > ${READ_UP_TO}`,
      [userId],
    );
    return Number(total);
  }

  /** The user's notifications, newest first, before the stream ordering `before`. */
  async notifications(
    q: Queryable,
    userId: string,
    page: { before: number | null; limit: number; onlyHighlight: boolean },
  ): Promise<NotificationRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT pa.*, pa.stream_ordering <= ${READ_UP_TO} AS read
       FROM push_actions pa
       WHERE pa.user_id = $1 AND ($2::bigint IS NULL OR pa.stream_ordering < $2) AND (pa.highlight OR NOT $3)
       ORDER BY pa.stream_ordering DESC LIMIT $4`,
      [userId, page.before, page.onlyHighlight, page.limit],
    );
    return rows.map((r) => ({
      userId: r.user_id as string,
      roomId: r.room_id as string,
      eventId: r.event_id as string,
      streamOrdering: Number(r.stream_ordering),
      threadId: r.thread_id as string,
      actions: r.actions as unknown[],
      notify: r.notify as boolean,
      highlight: r.highlight as boolean,
      ts: Number(r.ts),
      read: r.read as boolean,
    }));
  }
}
