import {
  authorizeEvent,
  authStateFromEvents,
  checkAuthEvents,
  IdentifiedPdu,
  RoomVersion,
  stateKey,
} from '@switchboard/protocol';
import { InputRejection } from './input.types';

/** In v12 the create event is not in auth_events; the room ID names it (rooms/v12 "Event format"). */
export function createEventIdOf(roomId: string, version: RoomVersion): string | undefined {
  return version.roomIdFromCreateEvent ? `$${roomId.slice(1)}` : undefined;
}

/**
 * Step 4, "Checks performed on receipt of a PDU" 4: "Passes authorization rules based on the
 * event's auth events, otherwise it is rejected." The auth events must be stored already (the
 * caller fetches missing ones as outliers); a rejected one rejects the event (rule 2.3).
 */
export function checkAgainstAuthEvents(
  version: RoomVersion,
  event: IdentifiedPdu,
  authEvents: readonly IdentifiedPdu[],
  create: IdentifiedPdu | undefined,
  isRejected: (eventId: string) => boolean,
): void {
  const listed = checkAuthEvents(version, event, authEvents, { isRejected });
  if (!listed.allowed) throw new InputRejection('rejected', `${listed.rule}: ${listed.reason}`);
  const state = new Map(authStateFromEvents(authEvents));
  if (create && !state.has(stateKey('m.room.create', ''))) state.set(stateKey('m.room.create', ''), create);
  const verdict = authorizeEvent(version, event, state, { isRejected });
  if (!verdict.allowed) throw new InputRejection('rejected', `${verdict.rule}: ${verdict.reason}`);
}
