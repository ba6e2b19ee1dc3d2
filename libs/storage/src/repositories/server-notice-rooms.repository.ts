import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** Each local user's server notices room, once the server has created it. */
@Injectable()
export class ServerNoticeRoomsRepository {
  async roomOf(q: Queryable, userId: string): Promise<string | null> {
    const rows = await q.query(`SELECT room_id FROM server_notice_rooms WHERE user_id = $1`, [userId]);
    return rows.length ? rows[0].room_id : null;
  }

  /** Fails on the keys when the user already has a room (or the room a user), rolling back the caller's transaction. */
  async insert(q: Queryable, userId: string, roomId: string): Promise<void> {
    await q.query(`INSERT INTO server_notice_rooms (user_id, room_id) VALUES ($1, $2)`, [userId, roomId]);
  }
}
