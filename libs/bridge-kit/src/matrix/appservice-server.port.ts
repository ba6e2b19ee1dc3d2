import { RoomId, UserMxid } from '../ids';

/** A client or state event as the homeserver pushes it in a transaction. */
export interface MatrixEvent {
  event_id: string;
  room_id: RoomId;
  sender: UserMxid;
  type: string;
  state_key?: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  unsigned?: Record<string, unknown>;
  redacts?: string;
}

/** An ephemeral event (m.typing, m.receipt, m.presence) with its room. */
export interface MatrixEphemeral {
  type: string;
  room_id?: RoomId;
  content: Record<string, unknown>;
}

/**
 * What the bridge's application-service listener calls. A transaction is acknowledged (200) once
 * `onTransaction` resolves: the handler stores what it must, durably, before it resolves; a throw
 * answers 500 so the homeserver retries the same transaction.
 */
export interface AppserviceHandler {
  onTransaction(txnId: string, events: MatrixEvent[], ephemeral: MatrixEphemeral[]): Promise<void>;
  /** `GET /_matrix/app/v1/users/{userId}`: true if the user exists now (e.g. a ghost was made). */
  onUserQuery(userId: UserMxid): Promise<boolean>;
  /** `GET /_matrix/app/v1/rooms/{alias}`: true if the room exists now. */
  onAliasQuery(alias: string): Promise<boolean>;
}

/** The listener: `PUT /_matrix/app/v1/transactions/{txnId}` (and the legacy unprefixed paths), users, rooms, ping. */
export interface AppserviceServer {
  /** Listens; resolves with the port (useful when 0 asked for any). */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}
