import { JsonObject, toClientEvent } from '@switchboard/protocol';
import { EventRow } from '@switchboard/storage';

/** A stored event in the client format that matchesEventFilter reads (type, sender, room_id, content). */
export function filterableEvent(row: EventRow): JsonObject {
  return toClientEvent(row.eventId, row.roomId, row.pdu) as unknown as JsonObject;
}
