import { Injectable } from '@nestjs/common';
import { Pdu } from '@switchboard/protocol';
import { Queryable } from '../transactions';

/** A stream event as the push evaluator reads it; `timeline` is false for soft-failed and rejected events. */
export interface PushCandidateEvent {
  eventId: string;
  roomId: string;
  streamOrdering: number;
  pdu: Pdu;
  timeline: boolean;
}

/** A local user joined to a room, with the display name of their membership. */
export interface PushRecipient {
  roomId: string;
  userId: string;
  /** The position of their join: events before it are not theirs to be notified of. */
  joinedAt: number;
  displayName: string | null;
}

/** The push evaluator's position in the events stream, and what it reads to evaluate. */
@Injectable()
export class PushEvaluationRepository {
  async position(q: Queryable): Promise<number> {
    const rows: { stream_ordering: string }[] = await q.query(
      `SELECT stream_ordering FROM push_evaluation_position WHERE id = 1`,
    );
    return rows.length ? Number(rows[0].stream_ordering) : 0;
  }

  /**
   * The position and the events after it, oldest first (so the position passes them all), in one
   * round trip.
   */
  async eventsAfterPosition(
    q: Queryable,
    limit: number,
  ): Promise<{ from: number; events: PushCandidateEvent[] }> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT p.stream_ordering AS from_position, e.event_id, e.room_id, e.stream_ordering, e.json,
         e.soft_failed, e.rejected_reason
       FROM push_evaluation_position p
       LEFT JOIN LATERAL (
         SELECT * FROM events WHERE stream_ordering > p.stream_ordering ORDER BY stream_ordering LIMIT $1
       ) e ON true
       WHERE p.id = 1
       ORDER BY e.stream_ordering`,
      [limit],
    );
    const from = rows.length ? Number(rows[0].from_position) : 0;
    const events = rows
      .filter((r) => r.event_id !== null)
      .map((r) => ({
        eventId: r.event_id as string,
        roomId: r.room_id as string,
        streamOrdering: Number(r.stream_ordering),
        pdu: JSON.parse(r.json as string) as Pdu,
        timeline: r.soft_failed === false && r.rejected_reason === null,
      }));
    return { from, events };
  }

  /** The local users (those with an account here) joined to each room. */
  async joinedLocalUsers(q: Queryable, roomIds: readonly string[]): Promise<PushRecipient[]> {
    if (roomIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT m.room_id, m.user_id, m.stream_ordering, e.json::jsonb -> 'content' ->> 'displayname' AS displayname
       FROM room_memberships m JOIN users u ON u.user_id = m.user_id JOIN events e ON e.event_id = m.event_id
       WHERE m.room_id = ANY($1) AND m.membership = 'join'`,
      [roomIds],
    );
    return rows.map((r) => ({
      roomId: r.room_id as string,
      userId: r.user_id as string,
      joinedAt: Number(r.stream_ordering),
      displayName: (r.displayname as string | null) ?? null,
    }));
  }

  /** Which of `userIds` have an account here. */
  async localUsers(q: Queryable, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: { user_id: string }[] = await q.query(`SELECT user_id FROM users WHERE user_id = ANY($1)`, [
      userIds,
    ]);
    return new Set(rows.map((r) => r.user_id));
  }

  /** The number of joined members of each room. */
  async joinedCounts(q: Queryable, roomIds: readonly string[]): Promise<Map<string, number>> {
    if (roomIds.length === 0) return new Map();
    const rows: { room_id: string; n: string }[] = await q.query(
      `SELECT room_id, COUNT(*) AS n FROM room_memberships WHERE room_id = ANY($1) AND membership = 'join'
       GROUP BY room_id`,
      [roomIds],
    );
    return new Map(rows.map((r) => [r.room_id, Number(r.n)]));
  }

  /** Which of `userIds` have at least one HTTP pusher. */
  async usersWithHttpPushers(q: Queryable, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: { user_id: string }[] = await q.query(
      `SELECT DISTINCT user_id FROM pushers WHERE user_id = ANY($1) AND kind = 'http'`,
      [userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Users with an HTTP pusher whose m.read or m.read.private receipt moved in (after, upTo]. */
  async readersWithHttpPushers(q: Queryable, after: number, upTo: number): Promise<string[]> {
    const rows: { user_id: string }[] = await q.query(
      `SELECT DISTINCT r.user_id FROM receipts r
       WHERE r.stream_id > $1 AND r.stream_id <= $2 AND r.receipt_type IN ('m.read', 'm.read.private')
         AND EXISTS (SELECT 1 FROM pushers p WHERE p.user_id = r.user_id AND p.kind = 'http')`,
      [after, upTo],
    );
    return rows.map((r) => r.user_id);
  }
}
