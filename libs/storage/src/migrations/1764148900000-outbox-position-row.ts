import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox scan position's one row exists from the start, so that a scan locks and reads it in
 * the same statement as the events after it (FederationOutboxRepository.lockAndReadNewEvents).
 */
export class OutboxPositionRow1764148900000 implements MigrationInterface {
  name = 'OutboxPositionRow1764148900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO federation_outbox_position (id, stream_ordering) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM federation_outbox_position WHERE id = 1`);
  }
}
