import { StateMap, stateKey } from '../state/state-map';
import { authChain } from './auth-chain';
import { authDifference } from './auth-difference';
import { separateStateV2 } from './conflicted';
import { conflictedSubgraph } from './conflicted-subgraph';
import { EventSource } from './event-source';
import { iterativeAuthChecks } from './iterative-auth-checks';
import { mainlineOrdering } from './mainline-ordering';
import { isPowerEvent } from './power-events';
import { reverseTopologicalPowerOrdering } from './reverse-topological-power-ordering';

const POWER_LEVELS_KEY = stateKey('m.room.power_levels', '');

/**
 * The state resolution algorithm of rooms/fragments/v2-state-res.md "Algorithm" (room versions
 * 2-11) and, when the room version says 'v2.1', of rooms/v12.md, which adds the conflicted state
 * subgraph to the full conflicted set and starts the iterative auth checks from an empty state.
 */
export function resolveV2(
  source: EventSource,
  stateSets: readonly StateMap<string>[],
  isRejected: (eventId: string) => boolean,
): Map<string, string> {
  const separated = separateStateV2(stateSets);
  if (separated.conflicted.size === 0) return separated.unconflicted;
  const v21 = source.version.stateResolution === 'v2.1';

  const conflictedIds = new Set<string>();
  for (const ids of separated.conflicted.values()) for (const id of ids) conflictedIds.add(id);
  // "The full conflicted set is the union of the conflicted state set, the conflicted state
  // subgraph [v12 only], and the auth difference."
  const fullConflicted = new Set(conflictedIds);
  for (const id of authDifference(source, stateSets, separated)) fullConflicted.add(id);
  if (v21) for (const id of conflictedSubgraph(source, conflictedIds)) fullConflicted.add(id);

  // 1. "Select the set X of all power events that appear in the full conflicted set. For each such
  // power event P, enlarge X by adding the events in the auth chain of P which also belong to the
  // full conflicted set. Sort X into a list using the reverse topological power ordering."
  // The whole auth chain is walked, as the text says. Synapse and ruma walk only through events of
  // the full conflicted set; in v12 the conflicted state subgraph makes that the same set, in v2
  // they miss a conflicted event that every auth chain holds and that P reaches only through
  // events outside the set, which then goes through the mainline ordering instead.
  const powerEvents = [...fullConflicted].filter((id) => isPowerEvent(source.get(id).pdu));
  const picked = new Set(powerEvents);
  for (const id of authChain(source, powerEvents)) if (fullConflicted.has(id)) picked.add(id);
  const sortedPowerEvents = reverseTopologicalPowerOrdering(source, picked);

  // 2. Iterative auth checks "starting from the unconflicted state map", or in v12 "starting from
  // an *empty* state map", which leaves the rules to find what they need in the auth events.
  const state = v21 ? new Map<string, string>() : new Map(separated.unconflicted);
  iterativeAuthChecks(source, state, sortedPowerEvents, isRejected);

  // 3. "Take all remaining events that weren't picked in step 1 and order them by the mainline
  // ordering based on the power level in the partially resolved state obtained in step 2."
  const remaining = [...fullConflicted].filter((id) => !picked.has(id));
  const sortedRemaining = mainlineOrdering(source, remaining, state.get(POWER_LEVELS_KEY));

  // 4. "Apply the iterative auth checks algorithm on the partial resolved state and the list of
  // events from the previous step."
  iterativeAuthChecks(source, state, sortedRemaining, isRejected);

  // 5. "Update the result by replacing any event with the event with the same key from the
  // unconflicted state map, if such an event exists".
  for (const [key, id] of separated.unconflicted) state.set(key, id);
  return state;
}
