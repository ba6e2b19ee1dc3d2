import { createHash } from 'node:crypto';
import { authorizeEvent } from '../auth';
import { IdentifiedPdu, StateMap, splitStateKey } from '../state/state-map';
import { authStateKeys } from './auth-state-keys';
import { separateStateV1 } from './conflicted';
import { EventSource } from './event-source';

/** rooms/v1.md: power levels, then join rules, then memberships are resolved as auth events. */
const AUTH_TYPES_IN_ORDER = ['m.room.power_levels', 'm.room.join_rules', 'm.room.member'];

interface Candidate {
  readonly id: string;
  readonly depth: number;
  readonly sha1: string;
}

/**
 * The room version 1 algorithm (rooms/v1.md "State resolution"), known to reset state: kept only
 * because version 1 rooms still exist. R starts as "the union of the states to be resolved,
 * excluding any *conflicting* events", then conflicts are settled type by type against R alone.
 */
export function resolveV1(source: EventSource, stateSets: readonly StateMap<string>[]): Map<string, string> {
  const { unconflicted, conflicted } = separateStateV1(stateSets);
  const resolved = new Map(unconflicted);
  const keys = [...conflicted.keys()].sort();
  const isAuthKey = (key: string): boolean => AUTH_TYPES_IN_ORDER.includes(splitStateKey(key)[0]);

  for (const type of AUTH_TYPES_IN_ORDER) {
    for (const key of keys) {
      if (splitStateKey(key)[0] !== type) continue;
      // "Sort the list by ascending `depth` then descending `sha1(event_id)`. Add the first event
      // in the list to R. For each subsequent event in the list, check that the event would be
      // allowed by the authorisation rules for a room in state R. If the event would be allowed,
      // then update R with the event and continue with the next event in the list. If it would not
      // be allowed, stop".
      const [first, ...rest] = candidates(source, conflicted.get(key) as Set<string>).sort(
        (x, y) => x.depth - y.depth || compareText(y.sha1, x.sha1),
      );
      resolved.set(key, first.id);
      for (const next of rest) {
        if (!allowedIn(source, resolved, source.get(next.id))) break;
        resolved.set(key, next.id);
      }
    }
  }

  // "For all other conflicts, just pick the event with the highest depth and lowest
  // `sha1(event_id)` that passes authentication in R and add it to R." When none passes, the key is
  // left out of R.
  for (const key of keys) {
    if (isAuthKey(key)) continue;
    const sorted = candidates(source, conflicted.get(key) as Set<string>).sort(
      (x, y) => y.depth - x.depth || compareText(x.sha1, y.sha1),
    );
    const winner = sorted.find((c) => allowedIn(source, resolved, source.get(c.id)));
    if (winner !== undefined) resolved.set(key, winner.id);
  }
  return resolved;
}

function candidates(source: EventSource, ids: ReadonlySet<string>): Candidate[] {
  return [...ids].map((id) => ({
    id,
    depth: source.get(id).pdu.depth,
    sha1: createHash('sha1').update(id, 'utf8').digest('hex'),
  }));
}

function allowedIn(source: EventSource, state: ReadonlyMap<string, string>, event: IdentifiedPdu): boolean {
  const authState = new Map<string, IdentifiedPdu>();
  for (const key of authStateKeys(source.version, event.pdu)) {
    const id = state.get(key);
    if (id !== undefined) authState.set(key, source.get(id));
  }
  return authorizeEvent(source.version, event, authState).allowed;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
