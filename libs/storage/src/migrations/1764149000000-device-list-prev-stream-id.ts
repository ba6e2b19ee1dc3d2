import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The position of each user's change before the latest: an outgoing m.device_list_update names it
 * in `prev_id` (server-server-api "Device Management"), so the receiver can tell it missed one.
 */
export class DeviceListPrevStreamId1764149000000 implements MigrationInterface {
  name = 'DeviceListPrevStreamId1764149000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE device_list_changes ADD COLUMN prev_stream_id bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE device_list_changes DROP COLUMN prev_stream_id`);
  }
}
