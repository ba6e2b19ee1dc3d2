import { EventId, RemoteChatId, RemoteMessageId, RemoteUserId, RoomId, UserMxid } from '../ids';

/**
 * The bridge's own tables (bridge_* in the homeserver's database, or the bridge's own database when
 * it runs alone), scoped to one bridge ID. Migrations are the kit's, in db/migrations, tracked in
 * `bridge_kit_migrations`, never in the homeserver's migrations table.
 */
export interface BridgeStore {
  readonly portals: PortalRepository;
  readonly ghosts: GhostRepository;
  readonly messages: MessageRepository;
  readonly reactions: ReactionRepository;
  readonly links: PuppetLinkRepository;
  readonly managementRooms: ManagementRoomRepository;
  /** Runs `work` in one database transaction (never hold it across an HTTP call: PGlite has one connection). */
  transaction<T>(work: (store: BridgeStore) => Promise<T>): Promise<T>;
}

export interface PortalRow {
  chatId: RemoteChatId;
  roomId: RoomId;
  kind: 'channel' | 'dm' | 'thread' | 'space';
  parentChatId: RemoteChatId | null;
  name: string | null;
  topic: string | null;
  avatarUrl: string | null;
  /** The Matrix event ID of the thread root for thread portals (threads live in their channel's room). */
  threadRootEventId: EventId | null;
  dmUser: RemoteUserId | null;
  createdAt: number;
}

export interface PortalRepository {
  get(chatId: RemoteChatId): Promise<PortalRow | null>;
  byRoom(roomId: RoomId): Promise<PortalRow[]>;
  list(): Promise<PortalRow[]>;
  /** Inserts or replaces by chatId. */
  upsert(row: PortalRow): Promise<void>;
  delete(chatId: RemoteChatId): Promise<void>;
  count(): Promise<number>;
}

export interface GhostRow {
  remoteId: RemoteUserId;
  mxid: UserMxid;
  name: string | null;
  avatarUrl: string | null;
  avatarMxc: string | null;
  updatedAt: number;
}

export interface GhostRepository {
  get(remoteId: RemoteUserId): Promise<GhostRow | null>;
  byMxid(mxid: UserMxid): Promise<GhostRow | null>;
  upsert(row: GhostRow): Promise<void>;
  /** The per-room name last set for the ghost in a room (from remote nicknames), or null. */
  roomName(remoteId: RemoteUserId, roomId: RoomId): Promise<string | null>;
  setRoomName(remoteId: RemoteUserId, roomId: RoomId, name: string | null): Promise<void>;
}

/** One row per (remote message, part) <-> Matrix event. */
export interface MessageRow {
  chatId: RemoteChatId;
  remoteId: RemoteMessageId;
  part: number;
  roomId: RoomId;
  eventId: EventId;
  /** Matrix sender of the event (ghost, puppet or relayed real user). */
  sender: UserMxid;
  /** The remote author, when known. */
  remoteSender: RemoteUserId | null;
  /** The Matrix thread root event, so later messages of a remote thread land in it. */
  threadRootEventId: EventId | null;
  /** True when the bridge created the remote message (Matrix -> remote), for echo suppression. */
  fromMatrix: boolean;
  ts: number;
}

export interface MessageRepository {
  /** All parts, ordered by part. */
  byRemote(chatId: RemoteChatId, remoteId: RemoteMessageId): Promise<MessageRow[]>;
  byEvent(eventId: EventId): Promise<MessageRow | null>;
  /** Inserts; a row with the same (chat, remote, part) already present is left as is (returns false). */
  insert(row: MessageRow): Promise<boolean>;
  deleteRemote(chatId: RemoteChatId, remoteId: RemoteMessageId): Promise<void>;
  /** The newest remote message bridged in either direction, by ts. */
  last(chatId: RemoteChatId): Promise<MessageRow | null>;
}

export interface ReactionRow {
  chatId: RemoteChatId;
  targetRemoteId: RemoteMessageId;
  /** Who reacted: a remote user ID for remote reactions, a Matrix user ID for Matrix ones. */
  reactor: string;
  key: string;
  eventId: EventId;
  /** The remote's reaction ID (what NetworkConnector.react returned), for Matrix reactions. */
  remoteReactionId: string | null;
  fromMatrix: boolean;
}

export interface ReactionRepository {
  get(
    chatId: RemoteChatId,
    targetRemoteId: RemoteMessageId,
    reactor: string,
    key: string,
  ): Promise<ReactionRow | null>;
  byEvent(eventId: EventId): Promise<ReactionRow | null>;
  insert(row: ReactionRow): Promise<boolean>;
  delete(eventId: EventId): Promise<void>;
}

/** Double puppeting: a local Matrix user and the remote account they linked. */
export interface PuppetLinkRepository {
  byMxid(mxid: UserMxid): Promise<RemoteUserId | null>;
  byRemote(remoteId: RemoteUserId): Promise<UserMxid | null>;
  set(mxid: UserMxid, remoteId: RemoteUserId): Promise<void>;
  delete(mxid: UserMxid): Promise<void>;
  list(): Promise<{ mxid: UserMxid; remoteId: RemoteUserId }[]>;
}

/** The bot's DM with each user, where commands are answered. */
export interface ManagementRoomRepository {
  get(roomId: RoomId): Promise<UserMxid | null>;
  set(roomId: RoomId, owner: UserMxid): Promise<void>;
  delete(roomId: RoomId): Promise<void>;
}
