import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * End-to-end encryption keys (client-server-api "End-to-End Encryption"): device identity keys,
 * one-time and fallback keys (they go with their device: ON DELETE CASCADE), cross-signing keys
 * and the signatures uploaded for keys, and the device-list stream of /sync's `device_lists`.
 */
export class E2eKeys1764148000000 implements MigrationInterface {
  name = 'E2eKeys1764148000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE e2e_device_keys (
        user_id text NOT NULL,
        device_id text NOT NULL,
        key_json jsonb NOT NULL,
        PRIMARY KEY (user_id, device_id),
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    // upload_id orders the claims: "One-time keys are given out in the order that they were uploaded".
    await q.query(`
      CREATE TABLE e2e_one_time_keys (
        user_id text NOT NULL,
        device_id text NOT NULL,
        algorithm text NOT NULL,
        key_id text NOT NULL,
        key_json jsonb NOT NULL,
        upload_id bigserial NOT NULL,
        PRIMARY KEY (user_id, device_id, algorithm, key_id),
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX e2e_one_time_keys_claim ON e2e_one_time_keys (user_id, device_id, algorithm, upload_id)`,
    );
    // "the server will only persist one key per algorithm".
    await q.query(`
      CREATE TABLE e2e_fallback_keys (
        user_id text NOT NULL,
        device_id text NOT NULL,
        algorithm text NOT NULL,
        key_id text NOT NULL,
        key_json jsonb NOT NULL,
        used boolean NOT NULL DEFAULT false,
        PRIMARY KEY (user_id, device_id, algorithm),
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE e2e_cross_signing_keys (
        user_id text NOT NULL,
        key_type text NOT NULL,
        public_key text NOT NULL,
        key_json jsonb NOT NULL,
        PRIMARY KEY (user_id, key_type)
      )`);
    // A signature of a device (target_key_id: its device ID) or of a cross-signing key (its public
    // key), kept apart from the key: who may see it depends on who asks (keys/query's master_keys).
    await q.query(`
      CREATE TABLE e2e_key_signatures (
        target_user_id text NOT NULL,
        target_key_id text NOT NULL,
        signer_user_id text NOT NULL,
        signer_key_id text NOT NULL,
        signature text NOT NULL,
        PRIMARY KEY (target_user_id, target_key_id, signer_user_id, signer_key_id)
      )`);
    // The latest device-list change per user; /sync wants "changed since", not every change.
    await q.query(`CREATE SEQUENCE device_lists_stream_seq`);
    await q.query(`
      CREATE TABLE device_list_changes (
        user_id text PRIMARY KEY,
        stream_id bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX device_list_changes_stream ON device_list_changes (stream_id)`);
    // Changes only one viewer hears of: a user's own user-signing key, their signatures of others' keys.
    await q.query(`
      CREATE TABLE device_list_private_changes (
        viewer text NOT NULL,
        user_id text NOT NULL,
        stream_id bigint NOT NULL,
        PRIMARY KEY (viewer, user_id)
      )`);
    await q.query(
      `CREATE INDEX device_list_private_changes_stream ON device_list_private_changes (stream_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE device_list_private_changes`);
    await q.query(`DROP TABLE device_list_changes`);
    await q.query(`DROP SEQUENCE device_lists_stream_seq`);
    await q.query(`DROP TABLE e2e_key_signatures`);
    await q.query(`DROP TABLE e2e_cross_signing_keys`);
    await q.query(`DROP TABLE e2e_fallback_keys`);
    await q.query(`DROP TABLE e2e_one_time_keys`);
    await q.query(`DROP TABLE e2e_device_keys`);
  }
}
