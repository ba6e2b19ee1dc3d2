import { MigrationInterface, QueryRunner } from 'typeorm';

export class Users1764145000000 implements MigrationInterface {
  name = 'Users1764145000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        user_id text PRIMARY KEY,
        password_hash text,
        admin boolean NOT NULL DEFAULT false,
        deactivated boolean NOT NULL DEFAULT false,
        created_ts bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE users');
  }
}
