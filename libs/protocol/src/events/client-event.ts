import { JsonObject } from './pdu.types';
import { Pdu } from './pdu.types';

/**
 * client-server-api "Room Event Format" (ClientEvent): what clients see of a PDU. The DAG fields
 * (prev_events, auth_events, depth, hashes, signatures) stay on the server.
 */
export interface ClientEvent {
  content: JsonObject;
  event_id: string;
  origin_server_ts: number;
  room_id: string;
  sender: string;
  state_key?: string;
  type: string;
  redacts?: string;
  unsigned?: JsonObject;
}

/** `roomId` is passed in because a v12 create event carries none of its own. */
export function toClientEvent(eventId: string, roomId: string, pdu: Pdu, unsigned?: JsonObject): ClientEvent {
  const event: ClientEvent = {
    content: pdu.content,
    event_id: eventId,
    origin_server_ts: pdu.origin_server_ts,
    room_id: roomId,
    sender: pdu.sender,
    type: pdu.type,
  };
  if (pdu.state_key !== undefined) event.state_key = pdu.state_key;
  if (pdu.redacts !== undefined) event.redacts = pdu.redacts;
  // Room version 11 moved `redacts` into content; clients written before that (and matrix-js-sdk
  // today) still read the top-level key, so it is copied up, as Synapse does.
  else if (pdu.type === 'm.room.redaction' && typeof pdu.content.redacts === 'string')
    event.redacts = pdu.content.redacts;
  if (unsigned && Object.keys(unsigned).length > 0) event.unsigned = unsigned;
  return event;
}
