import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored sync filters (client-server-api "Filtering"): the JSON a user uploaded, under an ID
 * that is a decimal number, so it never starts with `{` the way an inline filter does.
 */
export class Filters1764145300000 implements MigrationInterface {
  name = 'Filters1764145300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_filters (
        filter_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id text NOT NULL,
        json text NOT NULL,
        created_ts bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX user_filters_user ON user_filters (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_filters`);
  }
}
