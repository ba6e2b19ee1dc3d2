import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Other servers' signing keys (server-server-api "Retrieving server keys"), one row per key. A key
 * of `old_verify_keys` has `expired_ts` and is valid for event signatures up to it, never for
 * requests. `key_json` is the signed /_matrix/key/v2/server response the key came in, kept so
 * this server can serve it again as a notary ("Querying Keys Through Another Server").
 */
export class ServerKeys1764145500000 implements MigrationInterface {
  name = 'ServerKeys1764145500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE server_keys (
        server_name text NOT NULL,
        key_id text NOT NULL,
        verify_key text NOT NULL,
        valid_until_ts bigint NOT NULL,
        expired_ts bigint,
        fetched_ts bigint NOT NULL,
        key_json text NOT NULL,
        PRIMARY KEY (server_name, key_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE server_keys`);
  }
}
