import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server admins' reversible restrictions on an account (client-server-api "Account moderation"):
 * a locked account cannot use its sessions, a suspended one can only read and tidy up.
 */
export class AccountModeration1764149100000 implements MigrationInterface {
  name = 'AccountModeration1764149100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN locked boolean NOT NULL DEFAULT false,
                         ADD COLUMN suspended boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN locked, DROP COLUMN suspended`);
  }
}
