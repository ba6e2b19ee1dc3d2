import { StateMap } from '../state/state-map';
import { authChain } from './auth-chain';
import { SeparatedState } from './conflicted';
import { EventSource } from './event-source';

/**
 * v2-state-res "Auth difference": "If C_i is the full auth chain of S_i, then the auth difference
 * is ∪ C_i − ∩ C_i."
 *
 * C_i here holds S_i's own events besides their auth chains, as Synapse computes it. That changes
 * nothing for conflicted events, which are in the full conflicted set anyway, and keeps out an
 * unconflicted event that only some state sets' chains reach: it is in every S_i, so it is not
 * conflicted, and v12's iterative auth checks (which start from nothing) would otherwise replay it.
 *
 * Every S_i holds the unconflicted state, so C_i = U ∪ D_i, where U is the unconflicted state with
 * its auth chain and D_i the part of C_i outside U. U lies in every C_i, so the difference is
 * ∪ D_i − ∩ D_i: U is walked once, and each D_i stops where it meets U (which is closed under
 * taking auth events).
 */
export function authDifference(
  source: EventSource,
  stateSets: readonly StateMap<string>[],
  separated: SeparatedState,
): Set<string> {
  const shared = authChain(source, separated.unconflicted.values());
  for (const id of separated.unconflicted.values()) shared.add(id);
  const chains = stateSets.map((set) => {
    const conflictedIds: string[] = [];
    for (const [key, id] of set) if (separated.conflicted.has(key)) conflictedIds.push(id);
    const chain = authChain(source, conflictedIds, shared);
    for (const id of conflictedIds) if (!shared.has(id)) chain.add(id);
    return chain;
  });
  const difference = new Set<string>();
  for (const chain of chains) {
    for (const id of chain) {
      if (!difference.has(id) && !chains.every((other) => other.has(id))) difference.add(id);
    }
  }
  return difference;
}
