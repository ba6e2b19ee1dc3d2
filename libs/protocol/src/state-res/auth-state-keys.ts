import { authEventsNeeded } from '../auth';
import { Pdu } from '../events/pdu.types';
import { RoomVersion } from '../room-versions/room-version.types';
import { stateKey } from '../state/state-map';

const CREATE_KEY = stateKey('m.room.create', '');

/**
 * The state keys the authorisation rules read for `pdu`: server-server-api "Auth events
 * selection", plus the create event, which room version 12 implies by the room ID instead of
 * listing it but whose rules still read it.
 */
export function authStateKeys(version: RoomVersion, pdu: Pdu): string[] {
  const keys = authEventsNeeded(version, pdu).map((k) => stateKey(k.type, k.stateKey));
  if (!keys.includes(CREATE_KEY)) keys.unshift(CREATE_KEY);
  return keys;
}
