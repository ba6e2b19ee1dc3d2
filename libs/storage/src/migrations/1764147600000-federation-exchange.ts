import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event exchange between servers (server-server-api "Transactions"):
 * - federation_outbox: what each destination still has to receive, in order (PDUs by event ID,
 *   EDUs as their JSON); rows get a txn_id when first sent, so a retry resends the same transaction.
 * - federation_outbox_position: the events table is read by stream ordering up to here.
 * - federation_received_txns: the answer to each (origin, txnId) received, for idempotent retries.
 */
export class FederationExchange1764147600000 implements MigrationInterface {
  name = 'FederationExchange1764147600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE federation_outbox (
        id bigserial PRIMARY KEY,
        destination text NOT NULL,
        event_id text,
        edu jsonb,
        txn_id text,
        CHECK ((event_id IS NULL) <> (edu IS NULL))
      )`);
    await q.query(`CREATE INDEX federation_outbox_destination ON federation_outbox (destination, id)`);
    await q.query(`
      CREATE TABLE federation_outbox_position (
        id int PRIMARY KEY CHECK (id = 1),
        stream_ordering bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE federation_received_txns (
        origin text NOT NULL,
        txn_id text NOT NULL,
        response jsonb NOT NULL,
        received_ts bigint NOT NULL,
        PRIMARY KEY (origin, txn_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['federation_received_txns', 'federation_outbox_position', 'federation_outbox'])
      await q.query(`DROP TABLE ${table}`);
  }
}
