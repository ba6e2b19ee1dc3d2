import { StateMap } from '../state/state-map';

export interface SeparatedState {
  readonly unconflicted: Map<string, string>;
  /** State key to the distinct event IDs the state sets give it. */
  readonly conflicted: Map<string, Set<string>>;
}

/**
 * v2-state-res "Unconflicted state map and conflicted state set": "If a given key K is present in
 * every S_i with the same value V in each state map, then the pair (K, V) belongs to the
 * unconflicted state map. Otherwise, V belongs to the conflicted state set." A key missing from
 * one state set is therefore conflicted, even if all the others agree.
 */
export function separateStateV2(stateSets: readonly StateMap<string>[]): SeparatedState {
  return separate(stateSets, true);
}

/**
 * rooms/v1.md: "A conflict occurs between states where those states have different `event_ids` for
 * the same `(event_type, state_key)`." A key some state sets lack is not a conflict: "the union of
 * the states to be resolved, excluding any conflicting events".
 */
export function separateStateV1(stateSets: readonly StateMap<string>[]): SeparatedState {
  return separate(stateSets, false);
}

function separate(stateSets: readonly StateMap<string>[], missingConflicts: boolean): SeparatedState {
  const unconflicted = new Map<string, string>();
  const conflicted = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const set of stateSets) {
    for (const key of set.keys()) {
      if (seen.has(key)) continue;
      seen.add(key);
      const ids = new Set<string>();
      let missing = false;
      for (const other of stateSets) {
        const id = other.get(key);
        if (id === undefined) missing = true;
        else ids.add(id);
      }
      if (ids.size === 1 && !(missing && missingConflicts))
        unconflicted.set(key, ids.values().next().value as string);
      else conflicted.set(key, ids);
    }
  }
  return { unconflicted, conflicted };
}
