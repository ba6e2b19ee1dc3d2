import { Pdu } from '../events/pdu.types';

/** A PDU together with its event ID (computed per room version, or carried by v1/v2 events). */
export interface IdentifiedPdu {
  readonly eventId: string;
  readonly pdu: Pdu;
}

/**
 * Room state: (event type, state key) to a value, usually an event ID or an IdentifiedPdu. The key
 * joins the two with U+0000, which neither an event type nor a state key may usefully contain,
 * so two different pairs never share a key.
 */
export type StateMap<T> = ReadonlyMap<string, T>;

const SEP = '\u0000';

export function stateKey(type: string, stateKey: string): string {
  return `${type}${SEP}${stateKey}`;
}

export function splitStateKey(key: string): [type: string, stateKey: string] {
  const i = key.indexOf(SEP);
  return [key.slice(0, i), key.slice(i + 1)];
}
