import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The room server's tables (ARCHITECTURE.md "State"): every event with its JSON and position,
 * DAG edges, forward extremities, delta-chained state snapshots, and current state and
 * memberships kept as tables of their own for fast reads.
 */
export class Rooms1764145200000 implements MigrationInterface {
  name = 'Rooms1764145200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rooms (
        room_id text PRIMARY KEY,
        room_version text NOT NULL,
        creator text NOT NULL,
        created_ts bigint NOT NULL,
        current_snapshot_id bigint,
        is_public boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE SEQUENCE events_stream_seq`);
    await q.query(`
      CREATE TABLE events (
        event_id text PRIMARY KEY,
        room_id text NOT NULL,
        stream_ordering bigint UNIQUE,
        type text NOT NULL,
        state_key text,
        sender text NOT NULL,
        depth bigint NOT NULL,
        origin_server_ts bigint NOT NULL,
        json text NOT NULL,
        outlier boolean NOT NULL DEFAULT false,
        soft_failed boolean NOT NULL DEFAULT false,
        rejected_reason text,
        snapshot_before bigint,
        snapshot_after bigint,
        replaces_state text,
        redacted_by text,
        txn_user_id text,
        txn_device_id text,
        txn_id text
      )`);
    await q.query(`CREATE INDEX events_room_stream ON events (room_id, stream_ordering)`);
    await q.query(`CREATE INDEX events_room_depth ON events (room_id, depth)`);
    await q.query(`CREATE INDEX events_room_ts ON events (room_id, origin_server_ts)`);
    await q.query(`
      CREATE UNIQUE INDEX events_txn ON events (room_id, txn_user_id, txn_device_id, txn_id)
      WHERE txn_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE event_edges (
        event_id text NOT NULL,
        prev_event_id text NOT NULL,
        PRIMARY KEY (event_id, prev_event_id)
      )`);
    await q.query(`CREATE INDEX event_edges_prev ON event_edges (prev_event_id)`);
    await q.query(`
      CREATE TABLE event_auth_edges (
        event_id text NOT NULL,
        auth_event_id text NOT NULL,
        PRIMARY KEY (event_id, auth_event_id)
      )`);
    await q.query(`
      CREATE TABLE forward_extremities (
        room_id text NOT NULL,
        event_id text NOT NULL,
        PRIMARY KEY (room_id, event_id)
      )`);
    await q.query(`
      CREATE TABLE state_snapshots (
        snapshot_id bigserial PRIMARY KEY,
        room_id text NOT NULL,
        parent_id bigint REFERENCES state_snapshots (snapshot_id),
        chain_length integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE state_snapshot_entries (
        snapshot_id bigint NOT NULL REFERENCES state_snapshots (snapshot_id),
        type text NOT NULL,
        state_key text NOT NULL,
        event_id text,
        PRIMARY KEY (snapshot_id, type, state_key)
      )`);
    await q.query(`
      CREATE TABLE current_state (
        room_id text NOT NULL,
        type text NOT NULL,
        state_key text NOT NULL,
        event_id text NOT NULL,
        stream_ordering bigint NOT NULL,
        PRIMARY KEY (room_id, type, state_key)
      )`);
    await q.query(`
      CREATE TABLE room_memberships (
        room_id text NOT NULL,
        user_id text NOT NULL,
        membership text NOT NULL,
        event_id text NOT NULL,
        sender text NOT NULL,
        stream_ordering bigint NOT NULL,
        forgotten boolean NOT NULL DEFAULT false,
        PRIMARY KEY (room_id, user_id)
      )`);
    await q.query(`CREATE INDEX room_memberships_user ON room_memberships (user_id, membership)`);
    await q.query(`
      CREATE TABLE room_aliases (
        alias text PRIMARY KEY,
        room_id text NOT NULL,
        creator text NOT NULL
      )`);
    await q.query(`CREATE INDEX room_aliases_room ON room_aliases (room_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'room_aliases',
      'room_memberships',
      'current_state',
      'state_snapshot_entries',
      'state_snapshots',
      'forward_extremities',
      'event_auth_edges',
      'event_edges',
      'events',
      'rooms',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE events_stream_seq`);
  }
}
