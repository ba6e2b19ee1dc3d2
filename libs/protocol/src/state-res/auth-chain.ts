import { EventSource } from './event-source';

/**
 * The union of the auth chains of `eventIds`: "the set containing all of E's auth events, all of
 * *their* auth events, and so on recursively" (v2-state-res "Auth chain"). E itself is not in its
 * own chain unless reachable, which a DAG rules out.
 *
 * A chain is closed under taking auth events, so a walk that meets an event of `known` (itself a
 * closed set) need not go further: the rest is in `known` already. The result holds no event of it.
 */
export function authChain(
  source: EventSource,
  eventIds: Iterable<string>,
  known?: ReadonlySet<string>,
): Set<string> {
  const chain = new Set<string>();
  const stack: string[] = [];
  for (const id of eventIds) pushAuthEvents(source, id, chain, stack, known);
  while (stack.length > 0) pushAuthEvents(source, stack.pop() as string, chain, stack, known);
  return chain;
}

function pushAuthEvents(
  source: EventSource,
  eventId: string,
  chain: Set<string>,
  stack: string[],
  known: ReadonlySet<string> | undefined,
): void {
  for (const authId of source.authEventIds(eventId)) {
    if (chain.has(authId) || known?.has(authId)) continue;
    chain.add(authId);
    stack.push(authId);
  }
}
