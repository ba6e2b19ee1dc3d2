import { RoomVersion } from '../room-versions/room-version.types';
import { StateMap } from '../state/state-map';
import { AuthChainCache } from './auth-chain-cache';
import { EventSource } from './event-source';
import { resolveV1 } from './resolve-v1';
import { resolveV2 } from './resolve-v2';
import { EventLookup, ResolveStateOptions } from './state-res.types';

/**
 * The resolution of a set of room states (server-server-api "Room State Resolution"): state
 * key to event ID, by the algorithm of the room version. The result does not depend on the order
 * of the state sets. Events come from `lookup` only; an event the algorithm needs and `lookup`
 * lacks is a MatrixError M_NOT_FOUND carrying `event_id`, so the caller can fetch it and retry.
 */
export function resolveState(
  version: RoomVersion,
  stateSets: readonly StateMap<string>[],
  lookup: EventLookup,
  options: ResolveStateOptions = {},
): StateMap<string> {
  if (stateSets.length === 0) return new Map();
  if (stateSets.length === 1) return new Map(stateSets[0]);
  const source = new EventSource(version, lookup, options.authChainCache ?? new AuthChainCache());
  switch (version.stateResolution) {
    case 'v1':
      return resolveV1(source, stateSets);
    case 'v2':
    case 'v2.1':
      return resolveV2(source, stateSets, options.isRejected ?? (() => false));
  }
}
