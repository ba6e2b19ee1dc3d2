import { IdentifiedPdu, StateMap, splitStateKey, tryServerNameOf } from '@switchboard/protocol';

/** Whether a user of `serverName` is joined in this room state. */
export function serverIsJoined(state: StateMap<IdentifiedPdu>, serverName: string): boolean {
  for (const [key, event] of state) {
    const [type, userId] = splitStateKey(key);
    if (
      type === 'm.room.member' &&
      tryServerNameOf(userId) === serverName &&
      event.pdu.content.membership === 'join'
    ) {
      return true;
    }
  }
  return false;
}
