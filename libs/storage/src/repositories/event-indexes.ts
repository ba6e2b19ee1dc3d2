import { Pdu, relationOf, searchableText } from '@switchboard/protocol';

export interface IndexedEvent {
  eventId: string;
  roomId: string;
  pdu: Pdu;
}

/** The text search configuration of both the index and the queries. */
export const SEARCH_CONFIG = 'english';

/**
 * The statements that index accepted events, as data-modifying CTEs to put in the statement that
 * stores them, so that indexing costs no round trip of its own: the relations an event declares
 * (RelationsRepository reads them) and its searchable text (SearchRepository). Parameters are
 * numbered from `$first`.
 */
export function indexingCtes(
  events: readonly IndexedEvent[],
  first: number,
): { sql: string; params: string[][] } {
  const relations = events.flatMap(({ eventId, roomId, pdu }) => {
    const relation = relationOf(pdu);
    return relation ? [[eventId, roomId, relation.eventId, relation.relType]] : [];
  });
  const search = events.flatMap(({ eventId, roomId, pdu }) => {
    const text = searchableText(pdu);
    return text ? [[eventId, roomId, text.key, text.text]] : [];
  });
  const p = (i: number) => `$${first + i}::text[]`;
  return {
    sql: `relations_indexed AS (
         INSERT INTO event_relations (event_id, room_id, relates_to_id, rel_type)
         SELECT * FROM unnest(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)})
         ON CONFLICT (event_id) DO NOTHING
       ),
       search_indexed AS (
         INSERT INTO event_search (event_id, room_id, key, vector)
         SELECT id, room, key, to_tsvector('${SEARCH_CONFIG}', body)
         FROM unnest(${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}) AS r (id, room, key, body)
         ON CONFLICT (event_id) DO NOTHING
       )`,
    params: [0, 1, 2, 3]
      .map((i) => relations.map((r) => r[i]))
      .concat([0, 1, 2, 3].map((i) => search.map((r) => r[i]))),
  };
}
