import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** The rooms each application service published in its directory of a network. */
@Injectable()
export class AppserviceRoomListRepository {
  /** Idempotent: publishing a published room again changes nothing. */
  async add(q: Queryable, appserviceId: string, networkId: string, roomId: string): Promise<void> {
    await q.query(
      `INSERT INTO appservice_room_list (appservice_id, network_id, room_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [appserviceId, networkId, roomId],
    );
  }

  async remove(q: Queryable, appserviceId: string, networkId: string, roomId: string): Promise<void> {
    await q.query(
      `DELETE FROM appservice_room_list WHERE appservice_id = $1 AND network_id = $2 AND room_id = $3`,
      [appserviceId, networkId, roomId],
    );
  }

  /** The rooms of one application service's directory of one network. */
  async rooms(q: Queryable, appserviceId: string, networkId: string): Promise<string[]> {
    const rows = await q.query(
      `SELECT room_id FROM appservice_room_list WHERE appservice_id = $1 AND network_id = $2 ORDER BY room_id`,
      [appserviceId, networkId],
    );
    return rows.map((r: { room_id: string }) => r.room_id);
  }

  /** Every room some application service published, each once. */
  async allRooms(q: Queryable): Promise<string[]> {
    const rows = await q.query(`SELECT DISTINCT room_id FROM appservice_room_list ORDER BY room_id`);
    return rows.map((r: { room_id: string }) => r.room_id);
  }
}
