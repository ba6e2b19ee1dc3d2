import type { Logger } from 'pino';
import type { z } from 'zod';
import { RemoteChatId, RemoteMessageId, RemoteUserId, RoomId, UserMxid } from './ids';
import { BridgeAttachment, MatrixMessageContent, RemoteMessageContent } from './message/message.types';

/**
 * What a bridge implements: everything but the network is the kit's job (portals, ghosts, the
 * message map, queues, retries, commands, double puppeting, status). Modelled on mautrix-go's
 * bridgev2 NetworkConnector (see STYLE.md section 4).
 */
export interface NetworkConnector<Cfg = unknown> {
  readonly info: BridgeInfo;
  /** The `network:` section of config/bridges/<id>.yaml. */
  readonly configSchema: z.ZodType<Cfg, z.ZodTypeDef, unknown>;
  /**
   * Connects to the remote. Never throws for remote trouble (bad token, unreachable): it reports
   * `kit.reportState(...)` and keeps retrying on its own, so the homeserver stays up.
   */
  start(kit: BridgeKit, config: Cfg): Promise<void>;
  stop(): Promise<void>;

  /** Chats to bridge without a command (configured guilds/channels/mailboxes), each with its info. */
  configuredChats(): Promise<ChatInfo[]>;
  fetchChatInfo(chat: RemoteChatId): Promise<ChatInfo | null>;
  fetchUserInfo(user: RemoteUserId): Promise<UserInfo | null>;
  /** For `bridge <remote channel>`: a channel ID, mention or name as the user typed it; null = unknown. */
  resolveChat(text: string): Promise<RemoteChatId | null>;
  /** Remote -> Matrix media: the bytes behind a {@link BridgeAttachment.url} (with the remote's auth). */
  download(attachment: BridgeAttachment): Promise<{ data: Buffer; mimetype: string }>;

  /** Matrix -> remote. Throw {@link RemoteRateLimited} to be retried after the remote's delay. */
  sendMessage(message: MatrixMessage): Promise<SentMessage>;
  editMessage(edit: MatrixEdit): Promise<void>;
  deleteMessage(redaction: MatrixRedaction): Promise<void>;
  react(reaction: MatrixReaction): Promise<SentReaction>;
  removeReaction(removal: MatrixReactionRemoval): Promise<void>;
  setTyping?(typing: MatrixTyping): Promise<void>;
  markRead?(receipt: MatrixReceipt): Promise<void>;
}

export interface BridgeInfo {
  /** The bridge's ID: the appservice ID, the YAML's file name, the queue names' prefix. */
  id: string;
  displayName: string;
  /** The `protocol` in m.bridge state and the third-party protocol ID. */
  protocol: string;
  defaultBotLocalpart: string;
  /** `{id}` is replaced by the remote user ID, lower-cased and escaped to the localpart grammar. */
  defaultGhostTemplate: string;
}

/** What the kit offers the connector. */
export interface BridgeKit {
  readonly log: Logger;
  readonly serverName: string;
  /**
   * Queues a remote event (durably: when the promise resolves it survives a restart). Events of one
   * chat are handled in order; an event whose remote ID is already bridged is dropped.
   */
  queueRemoteEvent(event: RemoteEvent): Promise<void>;
  reportState(state: BridgeState, message?: string): void;
  /** The ghost (or the linked, double-puppeted Matrix user) that speaks for a remote user. */
  userMxid(user: RemoteUserId): Promise<UserMxid>;
  /** The ghost's user ID by the template; pure. */
  ghostMxid(user: RemoteUserId): UserMxid;
  /** The remote user a Matrix user ID stands for (a ghost, or a linked Matrix user), if any. */
  remoteUserOf(mxid: UserMxid): Promise<RemoteUserId | null>;
  portalRoom(chat: RemoteChatId): Promise<RoomId | null>;
  /** The newest bridged remote message of a chat, for catching up after a reconnect. */
  lastRemoteMessage(chat: RemoteChatId): Promise<RemoteMessageId | null>;
  /** When the chat's portal was made (ms), or null: catch-up starts there when nothing was bridged yet. */
  portalCreatedAt(chat: RemoteChatId): Promise<number | null>;
  /** True if the remote message was sent by the bridge (echo suppression). */
  isBridgeSent(chat: RemoteChatId, message: RemoteMessageId): Promise<boolean>;
}

export type BridgeState =
  | 'STARTING'
  | 'CONNECTING'
  | 'CONNECTED'
  | 'TRANSIENT_DISCONNECT'
  | 'BAD_CREDENTIALS'
  | 'UNKNOWN_ERROR'
  | 'STOPPED';

export interface ChatInfo {
  id: RemoteChatId;
  kind: 'channel' | 'dm' | 'thread' | 'space';
  name?: string;
  topic?: string;
  /** An image URL the connector's download() can fetch. */
  avatarUrl?: string;
  /** channel -> its space (guild, workspace); thread -> its channel. */
  parent?: RemoteChatId;
  /** thread: the remote message it hangs off, so the thread's messages join that Matrix thread. */
  threadRoot?: RemoteMessageId;
  /** dm: the remote user on the other side (their ghost is invited). */
  dmUser?: RemoteUserId;
  /** Matrix users to invite to the portal besides the ghosts (DM portals: Discord's dm_invite). */
  invite?: UserMxid[];
  /** An existing Matrix room (ID or alias) this chat should be bridged to instead of a new one. */
  room?: string;
}

export interface UserInfo {
  id: RemoteUserId;
  name: string;
  avatarUrl?: string;
  isBot?: boolean;
}

/** A remote happening, JSON-serialisable (it waits in a durable queue). */
export type RemoteEvent = { chat: RemoteChatId; sender: RemoteUserId; ts: number } & (
  | { kind: 'message'; id: RemoteMessageId; content: RemoteMessageContent }
  | { kind: 'edit'; target: RemoteMessageId; content: RemoteMessageContent }
  | { kind: 'delete'; target: RemoteMessageId }
  | {
      kind: 'reaction';
      target: RemoteMessageId;
      key: string;
      emoji?: { id: string; name: string; url: string };
    }
  | { kind: 'reaction_removed'; target: RemoteMessageId; key: string }
  | { kind: 'typing'; timeoutMs: number }
  | { kind: 'receipt'; upTo: RemoteMessageId }
  /** A member's name or avatar changed, globally (chat = '') or in this chat (per-room name). */
  | { kind: 'member'; name?: string; avatarUrl?: string }
  | { kind: 'chat_info'; info: ChatInfo }
);

export interface MatrixEventRef {
  chat: RemoteChatId;
  roomId: RoomId;
  eventId: string;
  sender: UserMxid;
  /** The sender's display name in the room and avatar (mxc) and its HTTP URL, for relay puppeting. */
  senderName: string;
  senderAvatarMxc?: string;
  senderAvatarUrl?: string;
  /** Set when the sender is double-puppeted: their remote account. */
  senderRemote?: RemoteUserId;
}

export interface MatrixMessage extends MatrixEventRef {
  content: MatrixMessageContent;
}
export interface MatrixEdit extends MatrixEventRef {
  target: RemoteMessageId;
  content: MatrixMessageContent;
}
export interface MatrixRedaction extends MatrixEventRef {
  target: RemoteMessageId;
}
export interface MatrixReaction extends MatrixEventRef {
  target: RemoteMessageId;
  key: string;
}
export interface MatrixReactionRemoval extends MatrixEventRef {
  target: RemoteMessageId;
  key: string;
  /** What react() returned for this reaction. */
  remoteReaction: string;
}
export interface MatrixTyping {
  chat: RemoteChatId;
  sender: UserMxid;
  typing: boolean;
}
export interface MatrixReceipt {
  chat: RemoteChatId;
  sender: UserMxid;
  upTo: RemoteMessageId;
}

/** Remote IDs of what sendMessage created: one per part (text, then attachments) in order. */
export interface SentMessage {
  ids: RemoteMessageId[];
  ts?: number;
}
export interface SentReaction {
  id: string;
}

/** Thrown by the connector when the remote says "slow down"; the kit waits that long and retries. */
export class RemoteRateLimited extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited for ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** Thrown when retrying cannot help (forbidden, unknown channel); the job fails at once and is shown. */
export class PermanentBridgeError extends Error {}
