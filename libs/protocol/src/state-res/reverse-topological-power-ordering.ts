import { compareEventIds } from './compare-event-ids';
import { EventSource } from './event-source';
import { MinHeap } from './min-heap';
import { senderPowerLevel } from './sender-power';

interface Vertex {
  readonly id: string;
  readonly power: number;
  readonly ts: number;
  /** Auth events of this vertex that are in the set and not yet emitted. */
  pending: number;
  readonly dependents: Vertex[];
}

/**
 * v2-state-res "Reverse topological power ordering": "the lexicographically smallest topological
 * ordering based on the DAG formed by auth events", earliest first, found "using Kahn's algorithm
 * ... at each step selecting, among all the candidate vertices, the smallest vertex" where x < y if
 * x's sender has greater power, then x's `origin_server_ts` is less, then x's `event_id` is less.
 *
 * The DAG is the auth edges between events of the set. An event on an auth cycle (possible only
 * with forged v1/v2 event IDs) never becomes a candidate and is left out.
 */
export function reverseTopologicalPowerOrdering(source: EventSource, eventIds: Iterable<string>): string[] {
  const vertices = new Map<string, Vertex>();
  for (const id of eventIds) {
    if (vertices.has(id)) continue;
    vertices.set(id, {
      id,
      power: senderPowerLevel(source, id),
      ts: source.get(id).pdu.origin_server_ts,
      pending: 0,
      dependents: [],
    });
  }
  for (const vertex of vertices.values()) {
    for (const authId of new Set(source.authEventIds(vertex.id))) {
      const authVertex = vertices.get(authId);
      if (authVertex === undefined) continue;
      vertex.pending++;
      authVertex.dependents.push(vertex);
    }
  }

  const candidates = new MinHeap<Vertex>(powerOrderLess);
  for (const vertex of vertices.values()) if (vertex.pending === 0) candidates.push(vertex);
  const ordered: string[] = [];
  for (let next = candidates.pop(); next !== undefined; next = candidates.pop()) {
    ordered.push(next.id);
    for (const dependent of next.dependents) if (--dependent.pending === 0) candidates.push(dependent);
  }
  return ordered;
}

function powerOrderLess(x: Vertex, y: Vertex): boolean {
  if (x.power !== y.power) return x.power > y.power;
  if (x.ts !== y.ts) return x.ts < y.ts;
  return compareEventIds(x.id, y.id) < 0;
}
