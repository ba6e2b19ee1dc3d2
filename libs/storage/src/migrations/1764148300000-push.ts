import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Push (client-server-api "Push Notifications"): each user's changes to the push rules, the
 * notify/highlight actions the rules gave for each event and user (what unread counts and
 * GET /notifications read), the position of the evaluator that writes them, and the point up to
 * which a user's own message marks a room read.
 */
export class Push1764148300000 implements MigrationInterface {
  name = 'Push1764148300000';

  async up(q: QueryRunner): Promise<void> {
    // One document per user (mergePushRules' UserPushRules): a change rewrites it whole, so the
    // order of a kind's rules needs no bookkeeping.
    await q.query(`
      CREATE TABLE push_rules (
        user_id text PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
        rules jsonb NOT NULL
      )`);
    // thread_id is 'main' or the thread root's event id (push.md "partition the notification count
    // to each thread").
    await q.query(`
      CREATE TABLE push_actions (
        user_id text NOT NULL,
        stream_ordering bigint NOT NULL,
        room_id text NOT NULL,
        event_id text NOT NULL,
        thread_id text NOT NULL,
        actions jsonb NOT NULL,
        notify boolean NOT NULL,
        highlight boolean NOT NULL,
        ts bigint NOT NULL,
        PRIMARY KEY (user_id, stream_ordering)
      )`);
    await q.query(`CREATE INDEX push_actions_user_room ON push_actions (user_id, room_id, stream_ordering)`);
    await q.query(`CREATE INDEX push_actions_event ON push_actions (event_id)`);
    await q.query(`
      CREATE TABLE push_read_floors (
        user_id text NOT NULL,
        room_id text NOT NULL,
        stream_ordering bigint NOT NULL,
        PRIMARY KEY (user_id, room_id)
      )`);
    // Badge updates follow read receipts by stream position.
    await q.query(`CREATE INDEX receipts_stream ON receipts (stream_id)`);
    // Events committed before this migration are not evaluated.
    await q.query(`
      CREATE TABLE push_evaluation_position (
        id integer PRIMARY KEY CHECK (id = 1),
        stream_ordering bigint NOT NULL
      )`);
    await q.query(`
      INSERT INTO push_evaluation_position (id, stream_ordering)
      SELECT 1, COALESCE(MAX(stream_ordering), 0) FROM events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipts_stream`);
    await q.query(`DROP TABLE push_evaluation_position`);
    await q.query(`DROP TABLE push_read_floors`);
    await q.query(`DROP TABLE push_actions`);
    await q.query(`DROP TABLE push_rules`);
  }
}
