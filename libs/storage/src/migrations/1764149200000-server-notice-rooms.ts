import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * client-server-api "Server Notices": "Servers should manage exactly 1 server notices room per
 * user". The keys make a second room for a user, or one room for two users, impossible.
 */
export class ServerNoticeRooms1764149200000 implements MigrationInterface {
  name = 'ServerNoticeRooms1764149200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE server_notice_rooms (
         user_id text PRIMARY KEY,
         room_id text NOT NULL UNIQUE
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE server_notice_rooms`);
  }
}
