import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content reports (client-server-api "Reporting content": events, rooms and users, kept for the
 * server administrators), the OpenID tokens that third parties exchange at
 * /_matrix/federation/v1/openid/userinfo (client-server-api "OpenID"), and the user agent of a
 * device's last request, for GET /admin/whois's connections, and the identity servers 3PIDs were
 * bound on.
 */
export class ReportsAndOpenid1764148500000 implements MigrationInterface {
  name = 'ReportsAndOpenid1764148500000';

  async up(q: QueryRunner): Promise<void> {
    // Not foreign keys: a report outlives the reporter's deactivation and the target's purge.
    await q.query(`
      CREATE TABLE content_reports (
        report_id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('event', 'room', 'user')),
        reporter text NOT NULL,
        room_id text,
        event_id text,
        target_user_id text,
        reason text,
        score integer,
        received_ts bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX content_reports_received ON content_reports (received_ts)`);
    await q.query(`
      CREATE TABLE openid_tokens (
        token_hash bytea PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        expires_ts bigint NOT NULL
      )`);
    await q.query(`ALTER TABLE devices ADD COLUMN last_seen_user_agent text`);
    // Which identity servers a user bound a 3PID on through this server (POST /account/3pid/bind),
    // so that removing the 3PID can unbind it there.
    await q.query(`
      CREATE TABLE threepid_id_server_bindings (
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        medium text NOT NULL,
        address text NOT NULL,
        id_server text NOT NULL,
        PRIMARY KEY (user_id, medium, address, id_server)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE threepid_id_server_bindings`);
    await q.query(`ALTER TABLE devices DROP COLUMN last_seen_user_agent`);
    await q.query(`DROP TABLE openid_tokens`);
    await q.query(`DROP TABLE content_reports`);
  }
}
