import { BridgeStore, GhostRow, MessageRow, PortalRow, ReactionRow } from '../db/bridge-store.port';

/** An in-memory BridgeStore for runtime tests (the real one is db/, on Postgres or PGlite). */
export function createMemoryStore(): BridgeStore {
  const portals = new Map<string, PortalRow>();
  const ghosts = new Map<string, GhostRow>();
  const roomNames = new Map<string, string | null>();
  const messages: MessageRow[] = [];
  const reactions: ReactionRow[] = [];
  const links = new Map<string, string>();
  const management = new Map<string, string>();
  const store: BridgeStore = {
    portals: {
      get: async (chat) => portals.get(chat) ?? null,
      byRoom: async (room) => [...portals.values()].filter((p) => p.roomId === room),
      list: async () => [...portals.values()],
      upsert: async (row) => void portals.set(row.chatId, { ...row }),
      delete: async (chat) => void portals.delete(chat),
      count: async () => portals.size,
    },
    ghosts: {
      get: async (id) => ghosts.get(id) ?? null,
      byMxid: async (mxid) => [...ghosts.values()].find((g) => g.mxid === mxid) ?? null,
      upsert: async (row) => void ghosts.set(row.remoteId, { ...row }),
      roomName: async (id, room) => roomNames.get(`${id}|${room}`) ?? null,
      setRoomName: async (id, room, name) => void roomNames.set(`${id}|${room}`, name),
    },
    messages: {
      byRemote: async (chat, remote) =>
        messages.filter((m) => m.chatId === chat && m.remoteId === remote).sort((a, b) => a.part - b.part),
      byEvent: async (eventId) => messages.find((m) => m.eventId === eventId) ?? null,
      async insert(row) {
        if (
          messages.some((m) => m.chatId === row.chatId && m.remoteId === row.remoteId && m.part === row.part)
        )
          return false;
        messages.push({ ...row });
        return true;
      },
      async deleteRemote(chat, remote) {
        for (let i = messages.length - 1; i >= 0; i--) {
          if (messages[i].chatId === chat && messages[i].remoteId === remote) messages.splice(i, 1);
        }
      },
      last: async (chat) => messages.filter((m) => m.chatId === chat).sort((a, b) => b.ts - a.ts)[0] ?? null,
    },
    reactions: {
      get: async (chat, target, reactor, key) =>
        reactions.find(
          (r) => r.chatId === chat && r.targetRemoteId === target && r.reactor === reactor && r.key === key,
        ) ?? null,
      byEvent: async (eventId) => reactions.find((r) => r.eventId === eventId) ?? null,
      async insert(row) {
        if (reactions.some((r) => r.eventId === row.eventId)) return false;
        reactions.push({ ...row });
        return true;
      },
      async delete(eventId) {
        const i = reactions.findIndex((r) => r.eventId === eventId);
        if (i >= 0) reactions.splice(i, 1);
      },
    },
    links: {
      byMxid: async (mxid) => links.get(mxid) ?? null,
      byRemote: async (remote) => [...links].find(([, r]) => r === remote)?.[0] ?? null,
      set: async (mxid, remote) => void links.set(mxid, remote),
      delete: async (mxid) => void links.delete(mxid),
      list: async () => [...links].map(([mxid, remoteId]) => ({ mxid, remoteId })),
    },
    managementRooms: {
      get: async (room) => management.get(room) ?? null,
      set: async (room, owner) => void management.set(room, owner),
      delete: async (room) => void management.delete(room),
    },
    transaction: (work) => work(store),
  };
  return store;
}
