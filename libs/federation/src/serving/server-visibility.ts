import { IdentifiedPdu, StateMap, splitStateKey, stateKey, tryServerNameOf } from '@switchboard/protocol';

/**
 * Whether a server may see an event, given the room state at it (client-server-api "History
 * visibility" applied to servers, as Synapse's filter_events_for_server does): with "shared" and
 * "world_readable" history every server in the room may; with "invited" and "joined" only a server
 * with a user joined at that point (or invited, under "invited").
 */
export function serverCanSeeEvent(state: StateMap<IdentifiedPdu>, serverName: string): boolean {
  const visibility = state.get(stateKey('m.room.history_visibility', ''))?.pdu.content.history_visibility;
  if (visibility !== 'invited' && visibility !== 'joined') return true;
  for (const [key, event] of state) {
    const [type, userId] = splitStateKey(key);
    if (type !== 'm.room.member' || tryServerNameOf(userId) !== serverName) continue;
    const membership = event.pdu.content.membership;
    if (membership === 'join' || (membership === 'invite' && visibility === 'invited')) return true;
  }
  return false;
}
