import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each application service has still to receive (application-service-api "Pushing events"):
 * - appservice_outbox: one row per (service, event), or per ephemeral item, to-device message or
 *   device-list change; rows get a txn_id when a transaction is formed, so a retry resends the
 *   same transaction under the same ID.
 * - appservice_txns: the last transaction ID given to each service, never reused.
 * - appservice_outbox_position: the events table is read by stream ordering up to here. It starts
 *   at the newest event: history from before the outbox existed is not pushed.
 */
export class AppserviceOutbox1764149300000 implements MigrationInterface {
  name = 'AppserviceOutbox1764149300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appservice_outbox (
        seq bigserial PRIMARY KEY,
        appservice_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('event', 'ephemeral', 'to_device', 'device_lists')),
        event_id text,
        payload jsonb,
        txn_id bigint,
        CHECK ((kind = 'event') = (event_id IS NOT NULL)),
        CHECK ((kind = 'event') = (payload IS NULL))
      )`);
    await q.query(`CREATE INDEX appservice_outbox_service ON appservice_outbox (appservice_id, seq)`);
    await q.query(
      `CREATE INDEX appservice_outbox_txn ON appservice_outbox (appservice_id, txn_id) WHERE txn_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE appservice_txns (
        appservice_id text PRIMARY KEY,
        last_txn_id bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE appservice_outbox_position (
        id int PRIMARY KEY CHECK (id = 1),
        stream_ordering bigint NOT NULL
      )`);
    await q.query(
      `INSERT INTO appservice_outbox_position (id, stream_ordering)
       SELECT 1, COALESCE(MAX(stream_ordering), 0) FROM events`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['appservice_outbox_position', 'appservice_txns', 'appservice_outbox'])
      await q.query(`DROP TABLE ${table}`);
  }
}
