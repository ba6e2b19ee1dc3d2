import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * client-server-api "Application service room directories": each application service keeps a
 * published room list per network of its own, apart from the server's (rooms.is_public). A room
 * may be in several, and in the server's too.
 */
export class AppserviceRoomList1764149500000 implements MigrationInterface {
  name = 'AppserviceRoomList1764149500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE appservice_room_list (
         appservice_id text NOT NULL,
         network_id text NOT NULL,
         room_id text NOT NULL,
         PRIMARY KEY (appservice_id, network_id, room_id)
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appservice_room_list`);
  }
}
