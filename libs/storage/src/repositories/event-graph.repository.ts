import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';
import { pairs } from './unnest-pairs';

/** The DAG: prev_events edges, auth_events edges, and each room's forward extremities. */
@Injectable()
export class EventGraphRepository {
  async insertEdges(
    tx: Tx,
    eventId: string,
    prevEventIds: readonly string[],
    authEventIds: readonly string[],
  ): Promise<void> {
    if (prevEventIds.length > 0) {
      await tx.query(
        `INSERT INTO event_edges (event_id, prev_event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [eventId, prevEventIds],
      );
    }
    if (authEventIds.length > 0) {
      await tx.query(
        `INSERT INTO event_auth_edges (event_id, auth_event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [eventId, authEventIds],
      );
    }
  }

  async forwardExtremities(q: Queryable, roomId: string): Promise<string[]> {
    const rows = await q.query(
      `SELECT event_id FROM forward_extremities WHERE room_id = $1 ORDER BY event_id`,
      [roomId],
    );
    return rows.map((r: { event_id: string }) => r.event_id);
  }

  /**
   * The room's backward extremities among its `window` oldest timeline events: those with a prev
   * event that is not in the timeline (unknown, or kept only as an outlier), oldest first. Where
   * /backfill starts from when a client pages back to the start of what is stored.
   */
  async backwardExtremities(q: Queryable, roomId: string, window: number): Promise<string[]> {
    const rows: { event_id: string }[] = await q.query(
      `WITH oldest AS (
         SELECT event_id, stream_ordering FROM events
         WHERE room_id = $1 AND stream_ordering IS NOT NULL AND NOT soft_failed AND rejected_reason IS NULL
         ORDER BY stream_ordering LIMIT $2
       )
       SELECT o.event_id FROM oldest o
       WHERE EXISTS (
         SELECT 1 FROM event_edges ed LEFT JOIN events p ON p.event_id = ed.prev_event_id
         WHERE ed.event_id = o.event_id AND (p.event_id IS NULL OR p.outlier)
       )
       ORDER BY o.stream_ordering`,
      [roomId, window],
    );
    return rows.map((r) => r.event_id);
  }

  /**
   * advanceExtremities for a batch: per room, the extremities its events referenced go and the
   * batch's unreferenced events come in, in one statement whatever the number of rooms.
   */
  async replaceExtremities(
    tx: Tx,
    changes: readonly { roomId: string; removed: readonly string[]; added: readonly string[] }[],
  ): Promise<void> {
    const [removedRooms, removedIds] = pairs(
      changes,
      (c) => c.roomId,
      (c) => c.removed,
    );
    const [addedRooms, addedIds] = pairs(
      changes,
      (c) => c.roomId,
      (c) => c.added,
    );
    await tx.query(
      `WITH removed AS (
         DELETE FROM forward_extremities f USING unnest($1::text[], $2::text[]) AS r (room_id, event_id)
         WHERE f.room_id = r.room_id AND f.event_id = r.event_id
       )
       INSERT INTO forward_extremities (room_id, event_id) SELECT * FROM unnest($3::text[], $4::text[])
       ON CONFLICT DO NOTHING`,
      [removedRooms, removedIds, addedRooms, addedIds],
    );
  }

  /** An accepted event replaces the extremities it references and becomes one itself. */
  async advanceExtremities(
    tx: Tx,
    roomId: string,
    eventId: string,
    prevEventIds: readonly string[],
  ): Promise<void> {
    if (prevEventIds.length > 0) {
      await tx.query(`DELETE FROM forward_extremities WHERE room_id = $1 AND event_id = ANY($2)`, [
        roomId,
        prevEventIds,
      ]);
    }
    await tx.query(
      `INSERT INTO forward_extremities (room_id, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [roomId, eventId],
    );
  }
}
