import type { DataSource, EntityManager } from 'typeorm';
import { BridgeStore, GhostRow, MessageRow, PortalRow, ReactionRow } from './bridge-store.port';
import { migrateBridgeKit } from './migrate';

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The bridge's tables for one bridge ID, after bringing the schema up to date. */
export async function openBridgeStore(dataSource: DataSource, bridgeId: string): Promise<BridgeStore> {
  await migrateBridgeKit(dataSource);
  return storeOn(dataSource.manager, bridgeId);
}

function storeOn(manager: EntityManager, bridge: string): BridgeStore {
  const q: Query = (sql, params = []) => manager.query(sql, [bridge, ...params]);
  const one = async <T>(rows: Promise<Record<string, unknown>[]>, map: (r: Record<string, unknown>) => T) => {
    const [row] = await rows;
    return row ? map(row) : null;
  };
  const store: BridgeStore = {
    portals: {
      get: (chat) =>
        one(q(`SELECT * FROM bridge_portals WHERE bridge = $1 AND chat_id = $2`, [chat]), portal),
      byRoom: async (room) =>
        (
          await q(`SELECT * FROM bridge_portals WHERE bridge = $1 AND room_id = $2 ORDER BY created_at`, [
            room,
          ])
        ).map(portal),
      list: async () =>
        (await q(`SELECT * FROM bridge_portals WHERE bridge = $1 ORDER BY created_at`)).map(portal),
      async upsert(p) {
        await q(
          `INSERT INTO bridge_portals (bridge, chat_id, room_id, kind, parent_chat_id, name, topic, avatar_url,
             thread_root_event_id, dm_user, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
           ON CONFLICT (bridge, chat_id) DO UPDATE SET room_id = $3, kind = $4, parent_chat_id = $5, name = $6,
             topic = $7, avatar_url = $8, thread_root_event_id = $9, dm_user = $10`,
          [
            p.chatId,
            p.roomId,
            p.kind,
            p.parentChatId,
            p.name,
            p.topic,
            p.avatarUrl,
            p.threadRootEventId,
            p.dmUser,
            p.createdAt,
          ],
        );
      },
      async delete(chat) {
        await q(`DELETE FROM bridge_portals WHERE bridge = $1 AND chat_id = $2`, [chat]);
      },
      count: async () => Number((await q(`SELECT count(*) AS n FROM bridge_portals WHERE bridge = $1`))[0].n),
    },
    ghosts: {
      get: (id) => one(q(`SELECT * FROM bridge_ghosts WHERE bridge = $1 AND remote_id = $2`, [id]), ghost),
      byMxid: (mxid) => one(q(`SELECT * FROM bridge_ghosts WHERE bridge = $1 AND mxid = $2`, [mxid]), ghost),
      async upsert(g) {
        await q(
          `INSERT INTO bridge_ghosts (bridge, remote_id, mxid, name, avatar_url, avatar_mxc, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (bridge, remote_id) DO UPDATE SET mxid = $3, name = $4,
             avatar_url = $5, avatar_mxc = $6, updated_at = $7`,
          [g.remoteId, g.mxid, g.name, g.avatarUrl, g.avatarMxc, g.updatedAt],
        );
      },
      roomName: async (id, room) =>
        (await one(
          q(
            `SELECT name FROM bridge_ghost_room_names WHERE bridge = $1 AND remote_id = $2 AND room_id = $3`,
            [id, room],
          ),
          (r) => r.name as string | null,
        )) ?? null,
      async setRoomName(id, room, name) {
        await q(
          `INSERT INTO bridge_ghost_room_names (bridge, remote_id, room_id, name) VALUES ($1,$2,$3,$4)
           ON CONFLICT (bridge, remote_id, room_id) DO UPDATE SET name = $4`,
          [id, room, name],
        );
      },
    },
    messages: {
      byRemote: async (chat, remote) =>
        (
          await q(
            `SELECT * FROM bridge_messages WHERE bridge = $1 AND chat_id = $2 AND remote_id = $3 ORDER BY part`,
            [chat, remote],
          )
        ).map(message),
      byEvent: (eventId) =>
        one(q(`SELECT * FROM bridge_messages WHERE bridge = $1 AND event_id = $2`, [eventId]), message),
      async insert(m) {
        const rows = await q(
          `INSERT INTO bridge_messages (bridge, chat_id, remote_id, part, room_id, event_id, sender, remote_sender,
             thread_root_event_id, from_matrix, ts) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
           ON CONFLICT DO NOTHING RETURNING 1`,
          [
            m.chatId,
            m.remoteId,
            m.part,
            m.roomId,
            m.eventId,
            m.sender,
            m.remoteSender,
            m.threadRootEventId,
            m.fromMatrix,
            m.ts,
          ],
        );
        return rows.length > 0;
      },
      async deleteRemote(chat, remote) {
        await q(`DELETE FROM bridge_messages WHERE bridge = $1 AND chat_id = $2 AND remote_id = $3`, [
          chat,
          remote,
        ]);
      },
      last: (chat) =>
        one(
          q(
            `SELECT * FROM bridge_messages WHERE bridge = $1 AND chat_id = $2 ORDER BY ts DESC, remote_id DESC LIMIT 1`,
            [chat],
          ),
          message,
        ),
    },
    reactions: {
      get: (chat, target, reactor, key) =>
        one(
          q(
            `SELECT * FROM bridge_reactions WHERE bridge = $1 AND chat_id = $2 AND target_remote_id = $3
               AND reactor = $4 AND key = $5 LIMIT 1`,
            [chat, target, reactor, key],
          ),
          reaction,
        ),
      byEvent: (eventId) =>
        one(q(`SELECT * FROM bridge_reactions WHERE bridge = $1 AND event_id = $2`, [eventId]), reaction),
      async insert(r) {
        const rows = await q(
          `INSERT INTO bridge_reactions (bridge, chat_id, target_remote_id, reactor, key, event_id, remote_reaction_id,
             from_matrix) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING RETURNING 1`,
          [r.chatId, r.targetRemoteId, r.reactor, r.key, r.eventId, r.remoteReactionId, r.fromMatrix],
        );
        return rows.length > 0;
      },
      async delete(eventId) {
        await q(`DELETE FROM bridge_reactions WHERE bridge = $1 AND event_id = $2`, [eventId]);
      },
    },
    links: {
      byMxid: async (mxid) =>
        (await one(
          q(`SELECT remote_id FROM bridge_puppet_links WHERE bridge = $1 AND mxid = $2`, [mxid]),
          (r) => String(r.remote_id),
        )) ?? null,
      byRemote: async (remote) =>
        (await one(
          q(
            `SELECT mxid FROM bridge_puppet_links WHERE bridge = $1 AND remote_id = $2 ORDER BY mxid LIMIT 1`,
            [remote],
          ),
          (r) => String(r.mxid),
        )) ?? null,
      async set(mxid, remote) {
        await q(
          `INSERT INTO bridge_puppet_links (bridge, mxid, remote_id) VALUES ($1,$2,$3)
           ON CONFLICT (bridge, mxid) DO UPDATE SET remote_id = $3`,
          [mxid, remote],
        );
      },
      async delete(mxid) {
        await q(`DELETE FROM bridge_puppet_links WHERE bridge = $1 AND mxid = $2`, [mxid]);
      },
      list: async () =>
        (await q(`SELECT mxid, remote_id FROM bridge_puppet_links WHERE bridge = $1 ORDER BY mxid`)).map(
          (r) => ({
            mxid: String(r.mxid),
            remoteId: String(r.remote_id),
          }),
        ),
    },
    managementRooms: {
      get: async (room) =>
        (await one(
          q(`SELECT owner FROM bridge_management_rooms WHERE bridge = $1 AND room_id = $2`, [room]),
          (r) => String(r.owner),
        )) ?? null,
      async set(room, owner) {
        await q(
          `INSERT INTO bridge_management_rooms (bridge, room_id, owner) VALUES ($1,$2,$3)
           ON CONFLICT (bridge, room_id) DO UPDATE SET owner = $3`,
          [room, owner],
        );
      },
      async delete(room) {
        await q(`DELETE FROM bridge_management_rooms WHERE bridge = $1 AND room_id = $2`, [room]);
      },
    },
    transaction: (work) => manager.transaction((tx) => work(storeOn(tx, bridge))),
  };
  return store;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function portal(r: Record<string, unknown>): PortalRow {
  return {
    chatId: String(r.chat_id),
    roomId: String(r.room_id),
    kind: r.kind as PortalRow['kind'],
    parentChatId: text(r.parent_chat_id),
    name: text(r.name),
    topic: text(r.topic),
    avatarUrl: text(r.avatar_url),
    threadRootEventId: text(r.thread_root_event_id),
    dmUser: text(r.dm_user),
    createdAt: Number(r.created_at),
  };
}

function ghost(r: Record<string, unknown>): GhostRow {
  return {
    remoteId: String(r.remote_id),
    mxid: String(r.mxid),
    name: text(r.name),
    avatarUrl: text(r.avatar_url),
    avatarMxc: text(r.avatar_mxc),
    updatedAt: Number(r.updated_at),
  };
}

function message(r: Record<string, unknown>): MessageRow {
  return {
    chatId: String(r.chat_id),
    remoteId: String(r.remote_id),
    part: Number(r.part),
    roomId: String(r.room_id),
    eventId: String(r.event_id),
    sender: String(r.sender),
    remoteSender: text(r.remote_sender),
    threadRootEventId: text(r.thread_root_event_id),
    fromMatrix: Boolean(r.from_matrix),
    ts: Number(r.ts),
  };
}

function reaction(r: Record<string, unknown>): ReactionRow {
  return {
    chatId: String(r.chat_id),
    targetRemoteId: String(r.target_remote_id),
    reactor: String(r.reactor),
    key: String(r.key),
    eventId: String(r.event_id),
    remoteReactionId: text(r.remote_reaction_id),
    fromMatrix: Boolean(r.from_matrix),
  };
}
