import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

export type Membership = 'join' | 'invite' | 'leave' | 'ban' | 'knock';

export interface MembershipRow {
  roomId: string;
  userId: string;
  membership: Membership;
  eventId: string;
  sender: string;
  streamOrdering: number;
  forgotten: boolean;
}

/** Current membership per (room, user), indexed by user for joined_rooms and /sync. */
@Injectable()
export class MembershipsRepository {
  async set(tx: Tx, row: Omit<MembershipRow, 'forgotten'>): Promise<void> {
    await tx.query(
      `INSERT INTO room_memberships (room_id, user_id, membership, event_id, sender, stream_ordering)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (room_id, user_id) DO UPDATE
         SET membership = $3, event_id = $4, sender = $5, stream_ordering = $6, forgotten = false`,
      [row.roomId, row.userId, row.membership, row.eventId, row.sender, row.streamOrdering],
    );
  }

  /** Several rows in one statement; for a (room, user) given twice the last one wins. */
  async setMany(tx: Tx, rows: readonly Omit<MembershipRow, 'forgotten'>[]): Promise<void> {
    const last = [...new Map(rows.map((r) => [JSON.stringify([r.roomId, r.userId]), r])).values()];
    if (last.length === 0) return;
    await tx.query(
      `INSERT INTO room_memberships (room_id, user_id, membership, event_id, sender, stream_ordering)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
       ON CONFLICT (room_id, user_id) DO UPDATE
         SET membership = excluded.membership, event_id = excluded.event_id, sender = excluded.sender,
             stream_ordering = excluded.stream_ordering, forgotten = false`,
      [
        last.map((r) => r.roomId),
        last.map((r) => r.userId),
        last.map((r) => r.membership),
        last.map((r) => r.eventId),
        last.map((r) => r.sender),
        last.map((r) => r.streamOrdering),
      ],
    );
  }

  async get(q: Queryable, roomId: string, userId: string): Promise<MembershipRow | null> {
    const rows = await q.query(`SELECT * FROM room_memberships WHERE room_id = $1 AND user_id = $2`, [
      roomId,
      userId,
    ]);
    return rows.length ? toRow(rows[0]) : null;
  }

  /** A user's rooms, optionally of some memberships only; forgotten rooms are left out. */
  async forUser(q: Queryable, userId: string, memberships?: readonly Membership[]): Promise<MembershipRow[]> {
    const rows = await q.query(
      `SELECT * FROM room_memberships WHERE user_id = $1 AND NOT forgotten
         AND ($2::text[] IS NULL OR membership = ANY($2))`,
      [userId, memberships ?? null],
    );
    return rows.map(toRow);
  }

  async inRoom(q: Queryable, roomId: string, memberships?: readonly Membership[]): Promise<MembershipRow[]> {
    const rows = await q.query(
      `SELECT * FROM room_memberships WHERE room_id = $1 AND ($2::text[] IS NULL OR membership = ANY($2))
       ORDER BY user_id`,
      [roomId, memberships ?? null],
    );
    return rows.map(toRow);
  }

  async forget(q: Queryable, roomId: string, userId: string): Promise<void> {
    await q.query(`UPDATE room_memberships SET forgotten = true WHERE room_id = $1 AND user_id = $2`, [
      roomId,
      userId,
    ]);
  }

  /** Who joined some rooms after a position (and is still joined): new company for /sync presence. */
  async joinedSince(q: Queryable, roomIds: readonly string[], after: number): Promise<MembershipRow[]> {
    if (roomIds.length === 0) return [];
    const rows = await q.query(
      `SELECT * FROM room_memberships WHERE room_id = ANY($1) AND membership = 'join' AND stream_ordering > $2`,
      [roomIds, after],
    );
    return rows.map(toRow);
  }

  /** A user's membership changes in (after, upTo]: the rooms /sync must add, move or drop. */
  async changedForUser(q: Queryable, userId: string, after: number, upTo: number): Promise<MembershipRow[]> {
    const rows = await q.query(
      `SELECT * FROM room_memberships WHERE user_id = $1 AND stream_ordering > $2 AND stream_ordering <= $3`,
      [userId, after, upTo],
    );
    return rows.map(toRow);
  }
}

function toRow(r: Record<string, unknown>): MembershipRow {
  return {
    roomId: r.room_id as string,
    userId: r.user_id as string,
    membership: r.membership as Membership,
    eventId: r.event_id as string,
    sender: r.sender as string,
    streamOrdering: Number(r.stream_ordering),
    forgotten: r.forgotten as boolean,
  };
}
