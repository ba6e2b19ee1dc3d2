import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stream positions for history fetched with /backfill: a descending sequence of negative numbers,
 * so that older history fetched later always sorts before everything stored so far, and no stream
 * that reads positions after a non-negative one (/sync, the outboxes, push) ever sees it.
 */
export class BackfillPositions1764148800000 implements MigrationInterface {
  name = 'BackfillPositions1764148800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE events_backfill_seq INCREMENT BY -1 MAXVALUE -1 START WITH -1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE events_backfill_seq`);
  }
}
