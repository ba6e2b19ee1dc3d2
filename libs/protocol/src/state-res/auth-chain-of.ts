import { RoomVersion } from '../room-versions/room-version.types';
import { authChain } from './auth-chain';
import { AuthChainCache } from './auth-chain-cache';
import { EventSource } from './event-source';
import { EventLookup } from './state-res.types';

/**
 * The union of the auth chains of `eventIds` (v2-state-res "Auth chain"), as /event_auth and
 * /state_ids answer with; the events themselves are not included unless another's chain holds them.
 */
export function authChainOf(
  version: RoomVersion,
  eventIds: Iterable<string>,
  lookup: EventLookup,
  cache: AuthChainCache = new AuthChainCache(),
): Set<string> {
  return authChain(new EventSource(version, lookup, cache), eventIds);
}
