import { Pdu } from '../events/pdu.types';
import { hasOwn } from '../power-levels/json-object';
import { RoomVersion } from '../room-versions/room-version.types';
import { roomVersion } from '../room-versions/room-versions';
import { ALLOWED, AuthResult } from './auth-result';
import { domainOf, isValidUserId } from './ids';
import { ruleName } from './rule-numbers';

/** Rule 1, "If type is m.room.create". */
export function authorizeCreate(version: RoomVersion, pdu: Pdu): AuthResult {
  const deny = (key: Parameters<typeof ruleName>[1], reason: string): AuthResult => ({
    allowed: false,
    rule: ruleName(version, key),
    reason,
  });
  const content = pdu.content;

  if (pdu.prev_events.length > 0) return deny('create.prevEvents', 'the create event has prev_events');

  if (version.roomIdFromCreateEvent) {
    // v12 1.2: "If the event has a room_id, reject" (the room ID is derived from the event ID).
    if (pdu.room_id !== undefined) return deny('create.roomId', 'the create event has a room_id');
  } else {
    const roomDomain = typeof pdu.room_id === 'string' ? domainOf(pdu.room_id) : undefined;
    if (roomDomain === undefined || roomDomain !== domainOf(pdu.sender)) {
      return deny('create.roomId', "the room_id's domain does not match the sender's");
    }
  }

  if (hasOwn(content, 'room_version')) {
    const id = content.room_version;
    if (typeof id !== 'string' || roomVersion(id) === undefined) {
      return deny('create.roomVersion', 'content.room_version is not a recognised room version');
    }
  }

  if ((version.eventFormat === 'v1' || version.eventFormat === 'v3') && !hasOwn(content, 'creator')) {
    return deny('create.creator', 'content has no creator property');
  }

  if (version.creatorPrivileges && hasOwn(content, 'additional_creators')) {
    const creators = content.additional_creators;
    if (!Array.isArray(creators) || !creators.every(isValidUserId)) {
      return deny('create.additionalCreators', 'additional_creators is not an array of valid user IDs');
    }
  }

  return ALLOWED;
}
