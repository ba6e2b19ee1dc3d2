import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user data outside the room graph: receipts, presence, profiles and account data (global and
 * per room; tags and m.fully_read live there too). Receipts, presence and account data are /sync
 * streams, each numbered by a sequence of its own; a row keeps only the latest value and the
 * position that wrote it, so an incremental sync reads the rows changed in its range.
 */
export class Ephemeral1764145400000 implements MigrationInterface {
  name = 'Ephemeral1764145400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE receipts_stream_seq`);
    // thread_id is '' for an unthreaded receipt: primary key columns cannot be null.
    await q.query(`
      CREATE TABLE receipts (
        room_id text NOT NULL,
        receipt_type text NOT NULL,
        user_id text NOT NULL,
        thread_id text NOT NULL,
        event_id text NOT NULL,
        ts bigint NOT NULL,
        stream_id bigint NOT NULL,
        PRIMARY KEY (room_id, receipt_type, user_id, thread_id)
      )`);
    await q.query(`CREATE INDEX receipts_room_stream ON receipts (room_id, stream_id)`);
    await q.query(`CREATE SEQUENCE presence_stream_seq`);
    await q.query(`
      CREATE TABLE presence (
        user_id text PRIMARY KEY,
        presence text NOT NULL,
        status_msg text,
        last_active_ts bigint NOT NULL,
        stream_id bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX presence_stream ON presence (stream_id)`);
    await q.query(`
      CREATE TABLE profiles (
        user_id text PRIMARY KEY,
        fields jsonb NOT NULL
      )`);
    await q.query(`CREATE SEQUENCE account_data_stream_seq`);
    // room_id is '' for global account data, for the same reason as receipts.thread_id.
    await q.query(`
      CREATE TABLE account_data (
        user_id text NOT NULL,
        room_id text NOT NULL,
        type text NOT NULL,
        content jsonb NOT NULL,
        stream_id bigint NOT NULL,
        PRIMARY KEY (user_id, room_id, type)
      )`);
    await q.query(`CREATE INDEX account_data_user_stream ON account_data (user_id, stream_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['account_data', 'profiles', 'presence', 'receipts'])
      await q.query(`DROP TABLE ${table}`);
    for (const seq of ['account_data_stream_seq', 'presence_stream_seq', 'receipts_stream_seq'])
      await q.query(`DROP SEQUENCE ${seq}`);
  }
}
