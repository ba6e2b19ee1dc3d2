/**
 * A persistent data unit (server-server-api "PDUs"; rooms/fragments/*-event-format.md), the union
 * of every room version's shape. Room versions 1 and 2 carry `event_id` and reference other events
 * as `[eventId, hashes]` pairs; v3 and later derive the id from the reference hash and list bare
 * ids. In v12 the create event carries no `room_id` (it is derived from the create event's id).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EventHashes = { sha256: string } & Record<string, string>;
export type EventSignatures = Record<string, Record<string, string>>;
export type EventReference = string | [string, EventHashes];

export interface Pdu {
  event_id?: string;
  room_id?: string;
  sender: string;
  origin?: string;
  origin_server_ts: number;
  type: string;
  state_key?: string;
  content: JsonObject;
  prev_events: EventReference[];
  auth_events: EventReference[];
  depth: number;
  hashes: EventHashes;
  signatures: EventSignatures;
  redacts?: string;
  unsigned?: JsonObject;
  [extra: string]: JsonValue | undefined;
}
