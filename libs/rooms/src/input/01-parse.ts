import {
  canonicalJson,
  computeEventId,
  IdentifiedPdu,
  isValidUserId,
  Pdu,
  RoomVersion,
} from '@switchboard/protocol';
import { InputEvent, InputRejection } from './input.types';

/** server-server-api "PDUs": "The PDU MUST NOT exceed 65536 bytes when formatted with Canonical JSON". */
const MAX_PDU_BYTES = 65536;

/**
 * Step 1: the event is well-formed for its room version and names this room; its ID is computed
 * per the version (or read, in v1/v2). A malformed event is dropped: nothing about it is stored.
 */
export function parseInput(input: InputEvent, version: RoomVersion): IdentifiedPdu {
  const pdu: Pdu = input.pdu;
  const problem = formatProblem(pdu, input.roomId, version);
  if (problem) throw new InputRejection('dropped', problem);
  let bytes: number;
  let eventId: string;
  try {
    bytes = Buffer.byteLength(canonicalJson(pdu, { version }));
    eventId = computeEventId(pdu, version);
  } catch (err) {
    throw new InputRejection('dropped', (err as Error).message);
  }
  if (bytes > MAX_PDU_BYTES)
    throw new InputRejection('dropped', `event is ${bytes} bytes, over ${MAX_PDU_BYTES}`);
  return { eventId, pdu };
}

function formatProblem(pdu: Pdu, roomId: string, version: RoomVersion): string | undefined {
  if (typeof pdu !== 'object' || pdu === null || Array.isArray(pdu)) return 'not a JSON object';
  if (typeof pdu.type !== 'string') return 'type must be a string';
  if (typeof pdu.sender !== 'string' || !isValidUserId(pdu.sender)) return 'sender must be a user ID';
  const createWithoutRoom = version.roomIdFromCreateEvent && pdu.type === 'm.room.create';
  if (!createWithoutRoom && pdu.room_id !== roomId) return `room_id is not ${roomId}`;
  if (!Number.isInteger(pdu.depth) || pdu.depth < 0) return 'depth must be a non-negative integer';
  if (!Number.isInteger(pdu.origin_server_ts)) return 'origin_server_ts must be an integer';
  if (!Array.isArray(pdu.prev_events) || !Array.isArray(pdu.auth_events))
    return 'prev_events and auth_events must be lists';
  if (typeof pdu.content !== 'object' || pdu.content === null || Array.isArray(pdu.content))
    return 'content must be an object';
  if (pdu.state_key !== undefined && typeof pdu.state_key !== 'string') return 'state_key must be a string';
  if (typeof pdu.hashes !== 'object' || pdu.hashes === null || typeof pdu.hashes.sha256 !== 'string')
    return 'hashes.sha256 is missing';
  return undefined;
}
