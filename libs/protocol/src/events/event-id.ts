import { encodeBase64, encodeBase64Url } from '../base64/unpadded-base64';
import { MatrixError } from '../errors/matrix-error';
import { tryParseEventId } from '../identifiers/event-id';
import { RoomVersion } from '../room-versions/room-version.types';
import { computeReferenceHash, HashingRules } from './event-hashing';
import { Pdu } from './pdu.types';

/**
 * The event ID per the room version's eventIdFormat: room versions 1 and 2 carry theirs in
 * `event_id` (rooms/fragments/v1-event-ids), version 3 uses `$` and the reference hash in unpadded
 * Base64 (rooms/v3 "Event IDs"), version 4 onwards URL-safe unpadded Base64
 * (rooms/fragments/v4-event-ids). Throws MatrixError(M_BAD_JSON, 400) for a version 1/2 event
 * without a valid `event_id`, or an event the version's canonical JSON rejects.
 */
export function computeEventId(pdu: Pdu, version: HashingRules): string {
  switch (version.eventIdFormat) {
    case 'v1': {
      const eventId = typeof pdu === 'object' && pdu !== null ? pdu.event_id : undefined;
      const parsed = tryParseEventId(eventId, { version });
      if (typeof parsed === 'string') {
        throw new MatrixError(
          'M_BAD_JSON',
          400,
          `A room version 1/2 event needs a valid "event_id": ${parsed}`,
        );
      }
      return eventId as string;
    }
    case 'v3':
      return `$${encodeBase64(computeReferenceHash(pdu, version))}`;
    case 'v4':
      return `$${encodeBase64Url(computeReferenceHash(pdu, version))}`;
  }
}

/**
 * Room version 12's room ID (appendices "Room IDs"): "simply the event ID of the `m.room.create`
 * event using `!` as the sigil instead of `$`". Throws MatrixError(M_INVALID_PARAM, 400) if the
 * version does not derive room IDs so, or the event is not a create event.
 */
export function roomIdFromCreateEvent(
  createEvent: Pdu,
  version: HashingRules & Pick<RoomVersion, 'roomIdFromCreateEvent'>,
): string {
  if (!version.roomIdFromCreateEvent) {
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      'This room version does not derive room IDs from the create event',
    );
  }
  if (typeof createEvent !== 'object' || createEvent === null || createEvent.type !== 'm.room.create') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Room IDs are derived from an m.room.create event');
  }
  return `!${computeEventId(createEvent, version).slice(1)}`;
}

/** A room version 1/2 event reference, `[event_id, {sha256: reference hash}]` (rooms/v1 "Event format"). */
export function eventReference(pdu: Pdu, version: HashingRules): [string, { sha256: string }] {
  return [computeEventId(pdu, version), { sha256: encodeBase64(computeReferenceHash(pdu, version)) }];
}
