import { Filter } from '@switchboard/protocol';

/**
 * One stream of /sync (STYLE.md §1 "/sync stream providers"): room events, typing, receipts,
 * presence, account data, ... Each has its own position, all positions together make a `since`
 * token, and adding a stream is adding a provider, not editing the sync service.
 */
export interface SyncRequest {
  readonly userId: string;
  readonly deviceId: string;
  readonly filter: Filter;
  readonly fullState: boolean;
  /** Absent on an initial sync. */
  readonly since?: ReadonlyMap<string, number>;
  /** The `set_presence` query parameter, for the presence stream; absent means "online". */
  readonly setPresence?: 'online' | 'offline' | 'unavailable';
  /** `use_state_after` (v1.16): room state up to the END of the timeline, in `state_after`. */
  readonly useStateAfter?: boolean;
}

/**
 * The response being assembled (client-server-api "GET /_matrix/client/v3/sync"), in the spec's
 * shape. The rooms stream runs first and fills `joinedRoomIds`, which ephemeral streams read.
 */
export interface SyncResponseBuilder {
  readonly body: SyncBody;
  readonly joinedRoomIds: Set<string>;
  /** The room's entry in rooms.join, created on first use. */
  joinedRoom(roomId: string): JoinedRoomBody;
}

export interface JoinedRoomBody {
  timeline?: { events: unknown[]; limited?: boolean; prev_batch?: string };
  state?: { events: unknown[] };
  state_after?: { events: unknown[] };
  ephemeral?: { events: unknown[] };
  account_data?: { events: unknown[] };
  summary?: Record<string, unknown>;
  unread_notifications?: { highlight_count: number; notification_count: number };
  [key: string]: unknown;
}

export interface SyncBody {
  next_batch: string;
  rooms?: {
    join?: Record<string, JoinedRoomBody>;
    invite?: Record<string, { invite_state: { events: unknown[] } }>;
    leave?: Record<
      string,
      {
        state?: { events: unknown[] };
        state_after?: { events: unknown[] };
        timeline?: { events: unknown[]; limited?: boolean; prev_batch?: string };
      }
    >;
    knock?: Record<string, { knock_state: { events: unknown[] } }>;
  };
  presence?: { events: unknown[] };
  account_data?: { events: unknown[] };
  to_device?: { events: unknown[] };
  device_lists?: { changed?: string[]; left?: string[] };
  device_one_time_keys_count?: Record<string, number>;
  [key: string]: unknown;
}

/**
 * Register an implementation with `@SyncStreamProvider()` on the class and list the class in
 * any module's providers: the registry finds it (sync-stream.registry.ts). In an incremental sync
 * touch `out` only for real changes: the service long-polls while the response stays empty.
 */
export interface SyncStream {
  /** The stream's slot in the sync token and its notifier stream name. */
  readonly key: string;
  /** Keys of streams that must run before this one ('events' fills the joined rooms). */
  readonly after?: readonly string[];
  /**
   * Work a /sync request causes before anything is read, once per request (the presence stream
   * applies `set_presence`).
   */
  beforeSync?(req: SyncRequest): Promise<void>;
  /**
   * The newest position, read from the store (cheap); never behind what was published on the
   * notifier under `key`, or a long-poll wakes for nothing.
   */
  latest(): Promise<number>;
  /**
   * Everything up to `to`, for an initial sync (no `since`). A stream that caps its output
   * returns the position it got to, which goes into `next_batch` in place of `to`.
   */
  full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void | number>;
  /**
   * What changed in (from, to]. Called on every incremental sync: add nothing when from >= to
   * (except the rooms stream, which still fills `joinedRoomIds`, and sends every room's state
   * with `req.fullState`). Like `full`, a capped stream returns the position it got to.
   */
  incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void | number>;
}
