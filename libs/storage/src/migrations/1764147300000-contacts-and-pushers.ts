import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Third-party identifiers bound to accounts and the validation sessions that prove them
 * (client-server-api "Adding Account Administrative Contact Information"), pushers
 * (client-server-api "Push Notifications"), and the short-lived `m.login.token` tokens that an SSO
 * login hands to the client.
 */
export class ContactsAndPushers1764147300000 implements MigrationInterface {
  name = 'ContactsAndPushers1764147300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_threepids (
        medium text NOT NULL,
        address text NOT NULL,
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        validated_at bigint NOT NULL,
        added_at bigint NOT NULL,
        PRIMARY KEY (medium, address)
      )`);
    await q.query(`CREATE INDEX user_threepids_user ON user_threepids (user_id)`);
    await q.query(`
      CREATE TABLE threepid_validation_sessions (
        session_id text PRIMARY KEY,
        medium text NOT NULL,
        address text NOT NULL,
        client_secret text NOT NULL,
        token text NOT NULL,
        send_attempt integer NOT NULL,
        validated_at bigint,
        created_ts bigint NOT NULL
      )`);
    await q.query(
      `CREATE INDEX threepid_validation_lookup ON threepid_validation_sessions (medium, address, client_secret)`,
    );
    // device_id is the device whose access token set the pusher: a logout, or a password change
    // that logs other devices out, takes their pushers with them. Not a foreign key: Synapse's
    // pushers outlive a device deleted through DELETE /devices, and so do ours.
    await q.query(`
      CREATE TABLE pushers (
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        app_id text NOT NULL,
        pushkey text NOT NULL,
        kind text NOT NULL,
        app_display_name text NOT NULL,
        device_display_name text NOT NULL,
        profile_tag text,
        lang text NOT NULL,
        data jsonb NOT NULL,
        device_id text,
        created_ts bigint NOT NULL,
        PRIMARY KEY (user_id, app_id, pushkey)
      )`);
    await q.query(`CREATE INDEX pushers_app_pushkey ON pushers (app_id, pushkey)`);
    await q.query(`
      CREATE TABLE login_tokens (
        token_hash bytea PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        expires_ts bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['login_tokens', 'pushers', 'threepid_validation_sessions', 'user_threepids'])
      await q.query(`DROP TABLE ${table}`);
  }
}
