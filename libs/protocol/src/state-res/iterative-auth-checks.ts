import { authorizeEvent } from '../auth';
import { IdentifiedPdu, stateKey } from '../state/state-map';
import { authStateKeys } from './auth-state-keys';
import { EventSource } from './event-source';

/**
 * v2-state-res "Iterative auth checks": walk the sorted state events, "applying the state event to
 * the room state if the state event is allowed by the authorisation rules ... If a `(event_type,
 * state_key)` key that is required for checking the authorisation rules is not present in the
 * state, then the appropriate state event from the event's `auth_events` is used if the auth event
 * is not rejected." `state` (key to event ID) is updated in place.
 *
 * Only the keys the rules read are handed to `authorizeEvent`, so each check costs a few lookups
 * however large the room state is.
 */
export function iterativeAuthChecks(
  source: EventSource,
  state: Map<string, string>,
  eventIds: readonly string[],
  isRejected: (eventId: string) => boolean,
): void {
  for (const eventId of eventIds) {
    const event = source.get(eventId);
    const { pdu } = event;
    if (pdu.state_key === undefined) continue;

    const authState = new Map<string, IdentifiedPdu>();
    let fromAuthEvents: Map<string, IdentifiedPdu> | undefined;
    for (const key of authStateKeys(source.version, pdu)) {
      const stateId = state.get(key);
      if (stateId !== undefined) {
        authState.set(key, source.get(stateId));
        continue;
      }
      fromAuthEvents ??= usableAuthEvents(source, eventId, isRejected);
      const authEvent = fromAuthEvents.get(key);
      if (authEvent !== undefined) authState.set(key, authEvent);
    }

    if (authorizeEvent(source.version, event, authState, { isRejected }).allowed) {
      state.set(stateKey(pdu.type, pdu.state_key), eventId);
    }
  }
}

function usableAuthEvents(
  source: EventSource,
  eventId: string,
  isRejected: (eventId: string) => boolean,
): Map<string, IdentifiedPdu> {
  const byKey = new Map<string, IdentifiedPdu>();
  for (const authId of source.authEventIds(eventId)) {
    if (isRejected(authId)) continue;
    const authEvent = source.get(authId);
    if (authEvent.pdu.state_key !== undefined) {
      byKey.set(stateKey(authEvent.pdu.type, authEvent.pdu.state_key), authEvent);
    }
  }
  return byKey;
}
