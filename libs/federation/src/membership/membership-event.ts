import { randomBytes } from 'node:crypto';
import {
  addHashesAndSignatures,
  computeEventId,
  IdentifiedPdu,
  JsonObject,
  MatrixError,
  Pdu,
  RoomVersion,
  roomVersion,
  SigningKey,
} from '@switchboard/protocol';

/** make_join / make_leave's answer: "room_version" and the template "event". */
export interface MakeMembershipAnswer {
  room_version?: unknown;
  event?: unknown;
}

/**
 * The room version of a make_* answer: "if not provided, the room version is assumed to be either
 * 1 or 2"; one this server does not implement is M_INCOMPATIBLE_ROOM_VERSION, as for a resident
 * server refusing ours.
 */
export function versionOfAnswer(answer: MakeMembershipAnswer): RoomVersion {
  const id = answer.room_version === undefined ? '1' : answer.room_version;
  const version = typeof id === 'string' ? roomVersion(id) : undefined;
  if (!version) {
    throw new MatrixError('M_INCOMPATIBLE_ROOM_VERSION', 400, `Room version ${String(id)} is not supported`, {
      room_version: typeof id === 'string' ? id : String(id),
    });
  }
  return version;
}

/**
 * The joining (or leaving) server completes the resident's template: our content, origin and
 * timestamp, an event ID of ours in rooms of version 1 and 2, then hashes and our signature
 * ("Before signing the returned template ... the joining server should ... add its own content").
 */
export function completeTemplate(
  answer: MakeMembershipAnswer,
  version: RoomVersion,
  content: JsonObject,
  serverName: string,
  key: SigningKey,
): IdentifiedPdu {
  const template = answer.event;
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new MatrixError('M_BAD_JSON', 502, 'The make_* answer has no event template');
  }
  const { hashes: _h, signatures: _s, unsigned: _u, ...fields } = template as Pdu;
  const templateContent = typeof fields.content === 'object' && fields.content !== null ? fields.content : {};
  const pdu = {
    ...fields,
    content: { ...content, ...templateContent },
    origin_server_ts: Date.now(),
    hashes: { sha256: '' },
    signatures: {},
  } as Pdu;
  if (version.eventFormat === 'v1' || version.eventFormat === 'v3') pdu.origin = serverName;
  if (version.eventIdFormat === 'v1')
    pdu.event_id = `$${randomBytes(12).toString('base64url')}:${serverName}`;
  const signed = addHashesAndSignatures(pdu, version, serverName, key.keyId, key);
  return { eventId: computeEventId(signed, version), pdu: signed };
}
