import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The media repository (client-server-api "Content repository"): one row per local upload or
 * cached remote file; the bytes live in the media store. A row with no `uploaded_ts` is an
 * mxc:// URI from POST /media/v1/create still waiting for its content until `unused_expires_ts`.
 */
export class Media1764148200000 implements MigrationInterface {
  name = 'Media1764148200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media (
        origin text NOT NULL,
        media_id text NOT NULL,
        user_id text,
        content_type text,
        upload_name text,
        size bigint,
        created_ts bigint NOT NULL,
        uploaded_ts bigint,
        unused_expires_ts bigint,
        PRIMARY KEY (origin, media_id)
      )`);
    await q.query(
      `CREATE INDEX media_pending ON media (user_id, unused_expires_ts) WHERE uploaded_ts IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media`);
  }
}
