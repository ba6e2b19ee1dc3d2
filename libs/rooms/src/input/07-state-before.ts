import {
  authorizeEvent,
  IdentifiedPdu,
  MatrixError,
  resolveState,
  RoomVersion,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import { InputRejection } from './input.types';

/**
 * Step 7, "Checks performed on receipt of a PDU" 5: the state before the event is the resolution
 * of the states after each of its prev_events; the event must pass the auth rules against it.
 * `load` fetches stored events by ID: state resolution asks for what it lacks by throwing
 * M_NOT_FOUND with the event ID, so the loop loads and retries.
 */
export async function resolveStateBefore(
  version: RoomVersion,
  statesAfterPrevs: readonly StateMap<string>[],
  load: (eventIds: readonly string[]) => Promise<Map<string, IdentifiedPdu>>,
  isRejected: (eventId: string) => boolean,
): Promise<StateMap<string>> {
  if (statesAfterPrevs.length === 1) return statesAfterPrevs[0];
  const events = await load([...new Set(statesAfterPrevs.flatMap((s) => [...s.values()]))]);
  for (let attempt = 0; attempt < 1000; attempt++) {
    try {
      return resolveState(version, statesAfterPrevs, (id) => events.get(id), { isRejected });
    } catch (err) {
      const missing = err instanceof MatrixError ? err.extra.event_id : undefined;
      if (typeof missing !== 'string') throw err;
      const loaded = await load([missing]);
      if (!loaded.has(missing))
        throw new InputRejection('rejected', `state resolution needs unknown event ${missing}`);
      for (const [id, e] of loaded) events.set(id, e);
    }
  }
  throw new InputRejection('rejected', 'state resolution did not converge');
}

export function checkAgainstState(
  version: RoomVersion,
  event: IdentifiedPdu,
  state: StateMap<IdentifiedPdu>,
  isRejected: (eventId: string) => boolean,
): { allowed: true } | { allowed: false; reason: string } {
  const verdict = authorizeEvent(version, event, state, { isRejected });
  return verdict.allowed ? verdict : { allowed: false, reason: `${verdict.rule}: ${verdict.reason}` };
}

/** The state after an event: the state before it, with the event itself if it is state. */
export function stateAfter(before: StateMap<string>, event: IdentifiedPdu): StateMap<string> {
  if (event.pdu.state_key === undefined) return before;
  return new Map(before).set(stateKey(event.pdu.type, event.pdu.state_key), event.eventId);
}
