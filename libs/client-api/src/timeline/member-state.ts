import { StateMap, stateKey } from '@switchboard/protocol';

/** The m.room.member entries of `state` for some users: what lazy loading sends for their events. */
export function memberState(state: StateMap<string>, userIds: Iterable<string>): StateMap<string> {
  const out = new Map<string, string>();
  for (const userId of userIds) {
    const key = stateKey('m.room.member', userId);
    const eventId = state.get(key);
    if (eventId !== undefined) out.set(key, eventId);
  }
  return out;
}
