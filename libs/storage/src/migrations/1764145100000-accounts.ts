import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and sessions (client-server-api "Client Authentication"): devices, hashed access and
 * refresh tokens, User-Interactive Authentication sessions, registration tokens and the nonces of
 * shared-secret registration. Tokens are stored as their SHA-256 only; the token itself is handed
 * to the client once. Deleting a device deletes its tokens (ON DELETE CASCADE).
 */
export class Accounts1764145100000 implements MigrationInterface {
  name = 'Accounts1764145100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN is_guest boolean NOT NULL DEFAULT false,
        ADD COLUMN user_type text,
        ADD COLUMN erased boolean NOT NULL DEFAULT false,
        ADD COLUMN deactivated_ts bigint`);
    // Login looks localparts up case-insensitively.
    await q.query(`CREATE INDEX users_lower_user_id ON users (lower(user_id))`);
    await q.query(`
      CREATE TABLE devices (
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        device_id text NOT NULL,
        display_name text,
        last_seen_ts bigint,
        last_seen_ip text,
        created_ts bigint NOT NULL,
        PRIMARY KEY (user_id, device_id)
      )`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id bigserial PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        user_id text NOT NULL,
        device_id text NOT NULL,
        created_ts bigint NOT NULL,
        next_token_id bigint REFERENCES refresh_tokens (id) ON DELETE SET NULL,
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX refresh_tokens_next ON refresh_tokens (next_token_id)`);
    await q.query(`CREATE INDEX refresh_tokens_device ON refresh_tokens (user_id, device_id)`);
    await q.query(`
      CREATE TABLE access_tokens (
        id bigserial PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        user_id text NOT NULL,
        device_id text NOT NULL,
        created_ts bigint NOT NULL,
        expires_ts bigint,
        refresh_token_id bigint REFERENCES refresh_tokens (id) ON DELETE CASCADE,
        used boolean NOT NULL DEFAULT false,
        FOREIGN KEY (user_id, device_id) REFERENCES devices (user_id, device_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX access_tokens_device ON access_tokens (user_id, device_id)`);
    await q.query(`CREATE INDEX access_tokens_refresh ON access_tokens (refresh_token_id)`);
    await q.query(`
      CREATE TABLE uia_sessions (
        session_id text PRIMARY KEY,
        operation text NOT NULL,
        request_hash text NOT NULL,
        user_id text,
        completed text[] NOT NULL DEFAULT '{}',
        params jsonb NOT NULL DEFAULT '{}',
        results jsonb NOT NULL DEFAULT '{}',
        created_ts bigint NOT NULL,
        expires_ts bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX uia_sessions_expiry ON uia_sessions (expires_ts)`);
    await q.query(`
      CREATE TABLE registration_tokens (
        token text PRIMARY KEY,
        uses_allowed integer,
        pending integer NOT NULL DEFAULT 0,
        completed integer NOT NULL DEFAULT 0,
        expiry_time bigint,
        CHECK (pending >= 0 AND completed >= 0)
      )`);
    await q.query(`
      CREATE TABLE registration_nonces (
        nonce text PRIMARY KEY,
        created_ts bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE registration_nonces');
    await q.query('DROP TABLE registration_tokens');
    await q.query('DROP TABLE uia_sessions');
    await q.query('DROP TABLE access_tokens');
    await q.query('DROP TABLE refresh_tokens');
    await q.query('DROP TABLE devices');
    await q.query('DROP INDEX users_lower_user_id');
    await q.query(`
      ALTER TABLE users
        DROP COLUMN is_guest, DROP COLUMN user_type, DROP COLUMN erased, DROP COLUMN deactivated_ts`);
  }
}
