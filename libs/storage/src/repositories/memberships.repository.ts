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
