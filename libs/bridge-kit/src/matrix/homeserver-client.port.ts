import { EventId, RoomId, UserMxid } from '../ids';

/**
 * The bridge's side of the Application Service API: every call goes over HTTP to the homeserver's
 * client-server API with the as_token, acting as `as` (a ghost, a double-puppeted user, or the bot
 * when absent) through `?user_id=`. Errors are {@link MatrixApiError}s carrying the errcode.
 */
export interface HomeserverClient {
  /** Registers the user (m.login.application_service); succeeds when it exists already. */
  ensureRegistered(localpart: string): Promise<void>;
  whoami(as?: UserMxid): Promise<UserMxid>;
  ping(): Promise<void>;

  setDisplayName(as: UserMxid, name: string): Promise<void>;
  setAvatarUrl(as: UserMxid, mxc: string): Promise<void>;
  getProfile(user: UserMxid): Promise<{ displayname?: string; avatar_url?: string }>;

  createRoom(as: UserMxid, body: Record<string, unknown>): Promise<RoomId>;
  /** Room ID or alias; returns the room ID. */
  join(as: UserMxid, roomIdOrAlias: string): Promise<RoomId>;
  invite(as: UserMxid, roomId: RoomId, user: UserMxid): Promise<void>;
  leave(as: UserMxid, roomId: RoomId): Promise<void>;
  kick(as: UserMxid, roomId: RoomId, user: UserMxid, reason?: string): Promise<void>;
  resolveAlias(alias: string): Promise<RoomId | null>;
  joinedMembers(roomId: RoomId): Promise<Record<UserMxid, { display_name?: string; avatar_url?: string }>>;

  /** `txnId` makes the send idempotent: the same (as, txnId) gives the same event. */
  sendEvent(
    as: UserMxid,
    roomId: RoomId,
    type: string,
    content: object,
    txnId: string,
    ts?: number,
  ): Promise<EventId>;
  sendState(as: UserMxid, roomId: RoomId, type: string, stateKey: string, content: object): Promise<EventId>;
  getState(roomId: RoomId, type: string, stateKey: string): Promise<Record<string, unknown> | null>;
  getEvent(roomId: RoomId, eventId: EventId): Promise<Record<string, unknown> | null>;
  redact(as: UserMxid, roomId: RoomId, eventId: EventId, txnId: string, reason?: string): Promise<EventId>;
  setTyping(as: UserMxid, roomId: RoomId, typing: boolean, timeoutMs?: number): Promise<void>;
  sendReadReceipt(as: UserMxid, roomId: RoomId, eventId: EventId): Promise<void>;

  uploadMedia(as: UserMxid, data: Buffer, mimetype: string, filename?: string): Promise<string>;
  /** Bytes of an mxc:// URI (authenticated media download). */
  downloadMedia(mxc: string): Promise<{ data: Buffer; mimetype: string }>;
  /** An HTTP URL that serves the mxc to anyone (for remote avatars), or null if there is none. */
  publicMediaUrl(mxc: string): string | null;
}

export class MatrixApiError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    /** From M_LIMIT_EXCEEDED. */
    readonly retryAfterMs?: number,
  ) {
    super(`${status} ${errcode}: ${message}`);
  }
}
