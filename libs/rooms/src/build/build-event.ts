import { randomBytes } from 'node:crypto';
import {
  addHashesAndSignatures,
  authEventsNeeded,
  computeEventId,
  eventReference,
  EventReference,
  EventTemplate,
  IdentifiedPdu,
  Pdu,
  RoomVersion,
  SigningKey,
  StateMap,
  stateKey,
} from '@switchboard/protocol';

export interface BuildInput {
  version: RoomVersion;
  /** Undefined only for a v12 create event, whose room ID is derived from it. */
  roomId: string | undefined;
  sender: string;
  template: EventTemplate;
  /** The room's forward extremities: the new event's prev_events. */
  prevEvents: readonly IdentifiedPdu[];
  /** The state the event is built against; its auth_events are chosen from it. */
  authState: StateMap<IdentifiedPdu>;
  serverName: string;
  key: SigningKey;
  now: number;
}

/**
 * Turns a template into a hashed, signed PDU (server-server-api "Auth events selection", "Adding
 * hashes and signatures to outgoing events"). Pure but for the clock and, in v1/v2 rooms, a random
 * event ID, which the caller injects through `now` and the default generator.
 */
export function buildEvent(input: BuildInput): IdentifiedPdu {
  const { version, template } = input;
  const authEvents = authEventsNeeded(version, {
    type: template.type,
    sender: input.sender,
    state_key: template.stateKey,
    content: template.content,
  })
    .map((k) => input.authState.get(stateKey(k.type, k.stateKey)))
    .filter((e): e is IdentifiedPdu => e !== undefined);
  const depth = input.prevEvents.reduce((max, e) => Math.max(max, e.pdu.depth), 0) + 1;
  // v1/v2 reference other events as [id, {sha256: reference hash}] (rooms/v1 "Event format").
  const reference = (e: IdentifiedPdu): EventReference =>
    version.eventFormat === 'v1' ? eventReference(e.pdu, version) : e.eventId;

  const pdu: Pdu = {
    auth_events: authEvents.map(reference),
    prev_events: input.prevEvents.map(reference),
    content: template.content,
    depth,
    origin_server_ts: template.originServerTs ?? input.now,
    sender: input.sender,
    type: template.type,
    hashes: { sha256: '' },
    signatures: {},
  };
  if (input.roomId !== undefined) pdu.room_id = input.roomId;
  if (template.stateKey !== undefined) pdu.state_key = template.stateKey;
  // v11 moved `redacts` into content (rooms/v11 "Event format"); older versions keep it top-level.
  if (template.redacts !== undefined) {
    if (version.redaction === 'v11') pdu.content = { ...template.content, redacts: template.redacts };
    else pdu.redacts = template.redacts;
  }
  if (version.eventFormat === 'v1' || version.eventFormat === 'v3') pdu.origin = input.serverName;
  if (version.eventIdFormat === 'v1')
    pdu.event_id = `$${randomBytes(12).toString('base64url')}:${input.serverName}`;

  const signed = addHashesAndSignatures(pdu, version, input.serverName, input.key.keyId, input.key);
  return { eventId: computeEventId(signed, version), pdu: signed };
}
