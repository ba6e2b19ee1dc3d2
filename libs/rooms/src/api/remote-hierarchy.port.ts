import { FederationHierarchyResponse } from '@switchboard/protocol';

/**
 * server-server-api GET /hierarchy/{roomId}, for spaces and rooms this server is not in:
 * implemented by libs/federation, used by client-api's /hierarchy and /room_summary.
 */
export interface RemoteHierarchy {
  /** The first of `servers` that answers with a well-formed hierarchy; null when none does. */
  hierarchy(
    roomId: string,
    servers: readonly string[],
    suggestedOnly: boolean,
  ): Promise<FederationHierarchyResponse | null>;
}

export const REMOTE_HIERARCHY = Symbol('REMOTE_HIERARCHY');
