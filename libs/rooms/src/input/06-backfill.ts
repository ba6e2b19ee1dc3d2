import { StateMap, stateKey } from '@switchboard/protocol';
import { EventRow } from '@switchboard/storage';
import { InputEvent, InputRejection } from './input.types';

/**
 * Backfilled events in the order they are placed: oldest (lowest depth) first, so that each
 * event's prev events are in before it, and so that the reserved positions, handed out in the
 * same order, sort every event after its prev events. The depth of an honest event is above its
 * prev events' (server-server-api "Depth").
 */
export function oldestFirst(events: readonly InputEvent[]): InputEvent[] {
  const depth = (e: InputEvent) => (typeof e.pdu?.depth === 'number' ? e.pdu.depth : 0);
  return [...events].sort((a, b) => depth(a) - depth(b));
}

/**
 * Step 6 for history whose prev events we do not hold: the state before it as the server that
 * sent it reports (/state_ids), once its events are stored. "dropped", not rejected, when that
 * server cannot tell: the event is not kept and a later backfill may place it.
 */
export function stateFromRemote(
  ids: readonly string[],
  rows: ReadonlyMap<string, EventRow>,
): StateMap<string> {
  const state = new Map<string, string>();
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) throw new InputRejection('dropped', `state event unavailable: ${id}`);
    if (row.stateKey === null) throw new InputRejection('dropped', `not a state event: ${id}`);
    state.set(stateKey(row.type, row.stateKey), id);
  }
  return state;
}
