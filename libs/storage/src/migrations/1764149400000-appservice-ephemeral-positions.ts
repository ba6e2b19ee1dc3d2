import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the hand-off of ephemeral data to application services has read each stream (receipts,
 * presence, to-device, device lists). A position moves in the transaction that writes the outbox
 * rows of what it passed, so each item reaches each interested application service once.
 */
export class AppserviceEphemeralPositions1764149400000 implements MigrationInterface {
  name = 'AppserviceEphemeralPositions1764149400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE appservice_ephemeral_positions (
         stream text PRIMARY KEY,
         position bigint NOT NULL
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appservice_ephemeral_positions`);
  }
}
