import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Send-to-device messaging and server-side key backups (client-server-api "Send-to-Device
 * messaging", "Server-side key backups"):
 * - device_inbox: messages waiting for a local device, numbered by the to-device /sync stream; a
 *   device's messages go with the device (ON DELETE CASCADE).
 * - to_device_txns: the transaction IDs a device already sent, for idempotent retries.
 * - to_device_received: (origin, message_id) of m.direct_to_device EDUs already taken in.
 * - room_keys_versions / room_keys: backups per user; a deleted version keeps its row (without
 *   keys) so its number is never handed out again and deleting it twice still succeeds.
 */
export class ToDeviceAndRoomKeys1764148100000 implements MigrationInterface {
  name = 'ToDeviceAndRoomKeys1764148100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE device_inbox_stream_seq`);
    await q.query(`
      CREATE TABLE device_inbox (
        stream_id bigint PRIMARY KEY,
        user_id text NOT NULL,
        device_id text NOT NULL,
        sender text NOT NULL,
        type text NOT NULL,
        content jsonb NOT NULL,
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX device_inbox_device ON device_inbox (user_id, device_id, stream_id)`);
    // Delivered messages are deleted, so MAX(stream_id) may go back; the stream's position may not.
    await q.query(`
      CREATE TABLE device_inbox_position (
        id int PRIMARY KEY CHECK (id = 1),
        stream_id bigint NOT NULL
      )`);
    await q.query(`INSERT INTO device_inbox_position (id, stream_id) VALUES (1, 0)`);
    await q.query(`
      CREATE TABLE to_device_txns (
        user_id text NOT NULL,
        device_id text NOT NULL,
        txn_id text NOT NULL,
        PRIMARY KEY (user_id, device_id, txn_id),
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE to_device_received (
        origin text NOT NULL,
        message_id text NOT NULL,
        received_ts bigint NOT NULL,
        PRIMARY KEY (origin, message_id)
      )`);
    await q.query(`
      CREATE TABLE room_keys_versions (
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        version bigint NOT NULL,
        algorithm text NOT NULL,
        auth_data jsonb NOT NULL,
        etag bigint NOT NULL DEFAULT 0,
        deleted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (user_id, version)
      )`);
    await q.query(`
      CREATE TABLE room_keys (
        user_id text NOT NULL,
        version bigint NOT NULL,
        room_id text NOT NULL,
        session_id text NOT NULL,
        first_message_index bigint NOT NULL,
        forwarded_count bigint NOT NULL,
        is_verified boolean NOT NULL,
        session_data jsonb NOT NULL,
        PRIMARY KEY (user_id, version, room_id, session_id),
        FOREIGN KEY (user_id, version) REFERENCES room_keys_versions (user_id, version) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'room_keys',
      'room_keys_versions',
      'to_device_received',
      'to_device_txns',
      'device_inbox_position',
      'device_inbox',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP SEQUENCE device_inbox_stream_seq`);
  }
}
