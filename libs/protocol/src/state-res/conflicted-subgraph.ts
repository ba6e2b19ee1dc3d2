import { EventSource } from './event-source';

/**
 * rooms/v12.md "Conflicted state subgraph": "Starting from an event in the conflicted state set and
 * following `auth_events` edges may lead to another event in the conflicted state set. The union of
 * all such paths between any pair of events in the conflicted state set (including endpoints)
 * forms a subgraph". Every conflicted event is in the result, as an endpoint of its empty path.
 *
 * An event lies on such a path exactly when it is reachable from a conflicted event and a
 * conflicted event is reachable from it. One depth-first walk from the conflicted events visits
 * the first kind and decides the second bottom-up, each event once; the walk keeps its own stack
 * because auth chains are deeper than the call stack.
 */
export function conflictedSubgraph(source: EventSource, conflictedIds: ReadonlySet<string>): Set<string> {
  const visited = new Set<string>();
  const reachesConflicted = new Set<string>();
  const nodes: string[] = [];
  const nextChild: number[] = [];

  for (const start of conflictedIds) {
    if (visited.has(start)) continue;
    visited.add(start);
    nodes.push(start);
    nextChild.push(0);
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const node = nodes[top];
      const children = source.authEventIds(node);
      const i = nextChild[top];
      if (i < children.length) {
        nextChild[top] = i + 1;
        const child = children[i];
        if (!visited.has(child)) {
          visited.add(child);
          nodes.push(child);
          nextChild.push(0);
        }
        continue;
      }
      nodes.pop();
      nextChild.pop();
      if (conflictedIds.has(node) || children.some((child) => reachesConflicted.has(child))) {
        reachesConflicted.add(node);
      }
    }
  }
  return reachesConflicted;
}
