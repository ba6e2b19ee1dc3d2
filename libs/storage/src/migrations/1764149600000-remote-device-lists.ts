import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cache of other servers' users' device lists (server-server-api "Device Management": "it
 * should populate a local cache ... subsequent updates to the cache should be applied by consuming
 * m.device_list_update EDUs"): per user the remote `stream_id` the cache is at, their cross-signing
 * keys, and the room-event position it was filled at (see RemoteDeviceListsRepository); per device
 * its keys and name. And each destination's backoff after failed sends, kept across restarts.
 */
export class RemoteDeviceLists1764149600000 implements MigrationInterface {
  name = 'RemoteDeviceLists1764149600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE remote_device_lists (
        user_id text PRIMARY KEY,
        stream_id bigint NOT NULL,
        master_key jsonb,
        self_signing_key jsonb,
        cached_at_ordering bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE remote_devices (
        user_id text NOT NULL REFERENCES remote_device_lists ON DELETE CASCADE,
        device_id text NOT NULL,
        key_json jsonb,
        display_name text,
        PRIMARY KEY (user_id, device_id)
      )`);
    await q.query(`
      CREATE TABLE destination_retries (
        destination text PRIMARY KEY,
        failure_ts bigint NOT NULL,
        retry_last_ts bigint NOT NULL,
        retry_interval bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE destination_retries`);
    await q.query(`DROP TABLE remote_devices`);
    await q.query(`DROP TABLE remote_device_lists`);
  }
}
