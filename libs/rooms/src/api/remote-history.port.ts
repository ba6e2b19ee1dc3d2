import { Pdu } from '@switchboard/protocol';

/**
 * What the client-server API needs to read a room's older history from another server,
 * implemented by libs/federation (which client-api must not import).
 */
export interface RemoteHistory {
  /**
   * server-server-api "Backfilling and retrieving missing events": GET /backfill/{roomId} on
   * `server`, from `fromEventIds` backwards, at most `limit` PDUs, as sent (unverified: the room
   * server's input pipeline checks them). Throws when the server gives no usable answer in time.
   */
  backfill(
    server: string,
    roomId: string,
    fromEventIds: readonly string[],
    limit: number,
    timeoutMs: number,
  ): Promise<Pdu[]>;
}

export const REMOTE_HISTORY = Symbol('REMOTE_HISTORY');
