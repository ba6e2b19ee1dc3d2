import { Pdu, relationOf } from '@switchboard/protocol';

/** The main timeline's name among threads (threaded read receipts use the same). */
export const MAIN_THREAD = 'main';
/**
 * push.md "Receiving notifications": "implementations are encouraged to do a maximum of 3 hops to
 * find a thread before deciding that the event does not belong to a thread".
 */
const MAX_HOPS = 3;

/** Looks events up by id; an unknown event is missing from the map. */
export type PduLookup = (eventIds: string[]) => Promise<Map<string, Pdu>>;

/**
 * The thread an event belongs to: the root of its `m.thread` relation, or the thread of the
 * event it relates to otherwise (a reaction to a threaded message is in that thread), followed for
 * at most 3 hops; else the main timeline.
 */
export async function threadOf(pdu: Pdu, lookup: PduLookup): Promise<string> {
  let current: Pdu | undefined = pdu;
  for (let hop = 0; hop <= MAX_HOPS && current; hop++) {
    const relation = relationOf(current);
    if (!relation) return MAIN_THREAD;
    if (relation.relType === 'm.thread') return relation.eventId;
    if (hop === MAX_HOPS) break;
    current = (await lookup([relation.eventId])).get(relation.eventId);
  }
  return MAIN_THREAD;
}
