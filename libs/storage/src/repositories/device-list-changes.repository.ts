import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';
import { nextStreamPosition } from './stream-position';

// Differs from every other advisory lock of the database (see EventsRepository).
const DEVICE_LISTS_LOCK = 0x5357_0d1c;

/**
 * The device-list stream (client-server-api "Tracking the device list for a user"): the position of
 * each user's latest change of devices, device keys or cross-signing keys, and who shares a room
 * with whom, which decides who hears of a change.
 */
@Injectable()
export class DeviceListChangesRepository {
  /** Marks the users' device lists changed for all who share a room with them; returns the position. */
  async markChanged(tx: Tx, userIds: readonly string[]): Promise<number> {
    const position = await nextStreamPosition(tx, 'device_lists_stream_seq', DEVICE_LISTS_LOCK);
    await tx.query(
      `INSERT INTO device_list_changes (user_id, stream_id) SELECT unnest($1::text[]), $2
       ON CONFLICT (user_id) DO UPDATE
         SET prev_stream_id = device_list_changes.stream_id, stream_id = excluded.stream_id`,
      [[...new Set(userIds)], position],
    );
    return position;
  }

  /** Marks the users' device lists changed for `viewer` only; returns the position. */
  async markChangedFor(tx: Tx, viewer: string, userIds: readonly string[]): Promise<number> {
    const position = await nextStreamPosition(tx, 'device_lists_stream_seq', DEVICE_LISTS_LOCK);
    await tx.query(
      `INSERT INTO device_list_private_changes (viewer, user_id, stream_id) SELECT $1, unnest($2::text[]), $3
       ON CONFLICT (viewer, user_id) DO UPDATE SET stream_id = excluded.stream_id`,
      [viewer, [...new Set(userIds)], position],
    );
    return position;
  }

  async maxStreamId(q: Queryable): Promise<number> {
    const [{ pos }] = await q.query(
      `SELECT GREATEST((SELECT COALESCE(MAX(stream_id), 0) FROM device_list_changes),
                       (SELECT COALESCE(MAX(stream_id), 0) FROM device_list_private_changes)) AS pos`,
    );
    return Number(pos);
  }

  /** The position of the user's latest change; 0 when it never changed. */
  async streamIdOf(q: Queryable, userId: string): Promise<number> {
    const rows = await q.query(`SELECT stream_id FROM device_list_changes WHERE user_id = $1`, [userId]);
    return rows.length ? Number(rows[0].stream_id) : 0;
  }

  /** The position of the user's change before the latest; undefined when there was none. */
  async prevStreamIdOf(q: Queryable, userId: string): Promise<number | undefined> {
    const rows = await q.query(`SELECT prev_stream_id FROM device_list_changes WHERE user_id = $1`, [userId]);
    return rows.length && rows[0].prev_stream_id !== null ? Number(rows[0].prev_stream_id) : undefined;
  }

  /**
   * Whose device list changed in (after, upTo] as the viewer sees it: their own, of those sharing a
   * joined room with them, and the changes meant for the viewer only.
   */
  async changedFor(q: Queryable, viewer: string, after: number, upTo: number): Promise<string[]> {
    const rows = await q.query(
      `SELECT c.user_id FROM device_list_changes c
        WHERE c.stream_id > $2 AND c.stream_id <= $3
          AND (c.user_id = $1 OR EXISTS (
            SELECT 1 FROM room_memberships mine JOIN room_memberships theirs USING (room_id)
             WHERE mine.user_id = $1 AND mine.membership = 'join'
               AND theirs.user_id = c.user_id AND theirs.membership = 'join'))
       UNION
       SELECT p.user_id FROM device_list_private_changes p
        WHERE p.viewer = $1 AND p.stream_id > $2 AND p.stream_id <= $3
       ORDER BY user_id`,
      [viewer, after, upTo],
    );
    return rows.map((r: Record<string, unknown>) => r.user_id as string);
  }

  /** Those among `userIds` who share a joined room with the viewer now. */
  async sharingARoom(q: Queryable, viewer: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await q.query(
      `SELECT DISTINCT theirs.user_id FROM room_memberships mine JOIN room_memberships theirs USING (room_id)
        WHERE mine.user_id = $1 AND mine.membership = 'join'
          AND theirs.user_id = ANY($2::text[]) AND theirs.membership = 'join'`,
      [viewer, userIds],
    );
    return new Set(rows.map((r: Record<string, unknown>) => r.user_id as string));
  }

  /**
   * Who left or was banned from the viewer's rooms in (after, upTo] of the room-event stream (upTo
   * null: no end), and the members of the rooms the viewer itself left then. An invite or a knock
   * is no departure.
   */
  async departedSince(q: Queryable, viewer: string, after: number, upTo: number | null): Promise<string[]> {
    const rows = await q.query(
      `WITH mine AS (SELECT room_id, membership, stream_ordering FROM room_memberships WHERE user_id = $1)
       SELECT theirs.user_id FROM room_memberships theirs JOIN mine USING (room_id)
        WHERE mine.membership = 'join' AND theirs.membership IN ('leave', 'ban')
          AND theirs.stream_ordering > $2 AND ($3::bigint IS NULL OR theirs.stream_ordering <= $3)
       UNION
       SELECT theirs.user_id FROM room_memberships theirs JOIN mine USING (room_id)
        WHERE mine.membership IN ('leave', 'ban') AND theirs.membership = 'join'
          AND mine.stream_ordering > $2 AND ($3::bigint IS NULL OR mine.stream_ordering <= $3)`,
      [viewer, after, upTo],
    );
    return rows.map((r: Record<string, unknown>) => r.user_id as string);
  }

  /**
   * Who came to share a room with the viewer in (after, upTo] of the room-event stream (upTo null:
   * no end): whoever joined or was invited to one of the viewer's rooms, and everyone in a room the
   * viewer joined. Invitees count as Synapse counts them: a client encrypting for the room needs
   * their devices as soon as they are invited.
   */
  async joinedSince(q: Queryable, viewer: string, after: number, upTo: number | null): Promise<string[]> {
    const rows = await q.query(
      `WITH mine AS (SELECT room_id, stream_ordering FROM room_memberships WHERE user_id = $1 AND membership = 'join')
       SELECT theirs.user_id FROM room_memberships theirs JOIN mine USING (room_id)
        WHERE theirs.membership IN ('join', 'invite')
          AND ((theirs.stream_ordering > $2 AND ($3::bigint IS NULL OR theirs.stream_ordering <= $3))
            OR (mine.stream_ordering > $2 AND ($3::bigint IS NULL OR mine.stream_ordering <= $3)))`,
      [viewer, after, upTo],
    );
    return [...new Set<string>(rows.map((r: Record<string, unknown>) => r.user_id as string))];
  }
}
