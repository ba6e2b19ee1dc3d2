import { JsonObject, Pdu } from './pdu.types';

/** client-server-api "Stripped state": only these four properties. */
export interface StrippedStateEvent {
  content: JsonObject;
  sender: string;
  state_key: string;
  type: string;
}

/** The state types stripped state "should contain"; m.room.create is required since v1.16. */
export const STRIPPED_STATE_TYPES: readonly string[] = [
  'm.room.create',
  'm.room.name',
  'm.room.avatar',
  'm.room.topic',
  'm.room.join_rules',
  'm.room.canonical_alias',
  'm.room.encryption',
];

/** A state event reduced to stripped state; undefined for a non-state event. */
export function toStrippedState(pdu: Pdu): StrippedStateEvent | undefined {
  if (pdu.state_key === undefined) return undefined;
  return { content: pdu.content, sender: pdu.sender, state_key: pdu.state_key, type: pdu.type };
}
