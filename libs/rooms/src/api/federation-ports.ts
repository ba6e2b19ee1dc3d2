import { Pdu, VerifyKey } from '@switchboard/protocol';

/**
 * What the room server needs from other servers while accepting their events, implemented by
 * libs/federation (which sits above rooms). Tests fake these ports; the room server fetches nothing
 * by itself.
 */
export interface FederationFetcher {
  /** One event from `origin`, unverified; undefined when the server does not have it. */
  event(origin: string, roomId: string, eventId: string): Promise<Pdu | undefined>;
  /** server-server-api get_missing_events: events between `earliest` and `latest`, oldest first. */
  missingEvents(
    origin: string,
    roomId: string,
    earliest: string[],
    latest: string[],
    limit: number,
  ): Promise<Pdu[]>;
  /**
   * server-server-api GET /state_ids: the IDs of the state before `eventId` and of its auth chain;
   * undefined when the server gives no answer. Without it, backfilled events whose prev events are
   * unknown cannot be placed.
   */
  stateIdsBefore?(origin: string, roomId: string, eventId: string): Promise<RemoteStateIds | undefined>;
}

export interface RemoteStateIds {
  stateIds: string[];
  authChainIds: string[];
}

/** Verify keys of other servers, fetched and cached by the key store. */
export interface VerifyKeys {
  get(serverName: string, keyId: string): Promise<VerifyKey | undefined>;
}

export const FEDERATION_FETCHER = Symbol('FEDERATION_FETCHER');
export const VERIFY_KEYS = Symbol('VERIFY_KEYS');
