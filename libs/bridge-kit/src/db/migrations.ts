/** The kit's schema, in order; a migration is never edited once released, only followed by another. */
export const BRIDGE_KIT_MIGRATIONS: { name: string; up: string[] }[] = [
  {
    name: '0001-bridge-kit',
    up: [
      `CREATE TABLE bridge_portals (
        bridge text NOT NULL, chat_id text NOT NULL, room_id text NOT NULL, kind text NOT NULL,
        parent_chat_id text, name text, topic text, avatar_url text, thread_root_event_id text,
        dm_user text, created_at bigint NOT NULL, PRIMARY KEY (bridge, chat_id))`,
      `CREATE INDEX bridge_portals_room ON bridge_portals (bridge, room_id)`,
      `CREATE TABLE bridge_ghosts (
        bridge text NOT NULL, remote_id text NOT NULL, mxid text NOT NULL, name text, avatar_url text,
        avatar_mxc text, updated_at bigint NOT NULL, PRIMARY KEY (bridge, remote_id))`,
      `CREATE INDEX bridge_ghosts_mxid ON bridge_ghosts (bridge, mxid)`,
      `CREATE TABLE bridge_ghost_room_names (
        bridge text NOT NULL, remote_id text NOT NULL, room_id text NOT NULL, name text,
        PRIMARY KEY (bridge, remote_id, room_id))`,
      `CREATE TABLE bridge_messages (
        bridge text NOT NULL, chat_id text NOT NULL, remote_id text NOT NULL, part integer NOT NULL,
        room_id text NOT NULL, event_id text NOT NULL, sender text NOT NULL, remote_sender text,
        thread_root_event_id text, from_matrix boolean NOT NULL, ts bigint NOT NULL,
        PRIMARY KEY (bridge, chat_id, remote_id, part), UNIQUE (bridge, event_id))`,
      `CREATE INDEX bridge_messages_last ON bridge_messages (bridge, chat_id, ts DESC)`,
      `CREATE TABLE bridge_reactions (
        bridge text NOT NULL, chat_id text NOT NULL, target_remote_id text NOT NULL, reactor text NOT NULL,
        key text NOT NULL, event_id text NOT NULL, remote_reaction_id text, from_matrix boolean NOT NULL,
        PRIMARY KEY (bridge, event_id))`,
      `CREATE INDEX bridge_reactions_target ON bridge_reactions (bridge, chat_id, target_remote_id, reactor, key)`,
      `CREATE TABLE bridge_puppet_links (
        bridge text NOT NULL, mxid text NOT NULL, remote_id text NOT NULL, PRIMARY KEY (bridge, mxid))`,
      `CREATE INDEX bridge_puppet_links_remote ON bridge_puppet_links (bridge, remote_id)`,
      `CREATE TABLE bridge_management_rooms (
        bridge text NOT NULL, room_id text NOT NULL, owner text NOT NULL, PRIMARY KEY (bridge, room_id))`,
      `CREATE TABLE bridge_queue (
        id bigserial PRIMARY KEY, bridge text NOT NULL, direction text NOT NULL, chat text NOT NULL,
        payload jsonb NOT NULL, attempts integer NOT NULL DEFAULT 0, next_at bigint NOT NULL DEFAULT 0,
        state text NOT NULL DEFAULT 'pending', last_error text, failed_at bigint)`,
      `CREATE INDEX bridge_queue_pending ON bridge_queue (bridge, direction, chat, id) WHERE state = 'pending'`,
      `CREATE TABLE bridge_txns (
        bridge text NOT NULL, txn_id text NOT NULL, received_at bigint NOT NULL, PRIMARY KEY (bridge, txn_id))`,
    ],
  },
];
