import { JsonObject, Pdu } from './pdu.types';

/** client-server-api "Forming relationships between events": a child's `m.relates_to`. */
export interface Relation {
  relType: string;
  eventId: string;
}

/**
 * The relation an event declares, if it is well formed: "Relationships which don't match the
 * schema, or which break the rules of a relationship, are simply ignored". Rich replies carry no
 * `rel_type` and are no relation here. An `m.replace` must carry `m.new_content` (in the
 * cleartext unless the event is encrypted) and may not be a state event ("Validity of
 * replacement events").
 */
export function relationOf(pdu: Pick<Pdu, 'type' | 'content' | 'state_key'>): Relation | undefined {
  const relatesTo = pdu.content['m.relates_to'];
  if (typeof relatesTo !== 'object' || relatesTo === null || Array.isArray(relatesTo)) return undefined;
  const { rel_type: relType, event_id: eventId } = relatesTo as JsonObject;
  if (typeof relType !== 'string' || typeof eventId !== 'string' || !eventId.startsWith('$'))
    return undefined;
  if (relType === 'm.replace') {
    if (pdu.state_key !== undefined) return undefined;
    const newContent = pdu.content['m.new_content'];
    const encrypted = pdu.type === 'm.room.encrypted';
    if (!encrypted && (typeof newContent !== 'object' || newContent === null || Array.isArray(newContent)))
      return undefined;
  }
  return { relType, eventId };
}

/** client-server-api "Server Side Search" `keys`: the content fields searched, and the event type each belongs to. */
export const SEARCH_KEYS = {
  'content.body': 'm.room.message',
  'content.name': 'm.room.name',
  'content.topic': 'm.room.topic',
} as const;

export type SearchKey = keyof typeof SEARCH_KEYS;

/** The text of an event that /search looks in, and under which key; undefined when it has none. */
export function searchableText(
  pdu: Pick<Pdu, 'type' | 'content'>,
): { key: SearchKey; text: string } | undefined {
  for (const [key, type] of Object.entries(SEARCH_KEYS) as [SearchKey, string][]) {
    if (pdu.type !== type) continue;
    const value = pdu.content[key.slice('content.'.length)];
    return typeof value === 'string' && value.length > 0 ? { key, text: value } : undefined;
  }
  return undefined;
}
