import { MatrixError } from '../errors/matrix-error';
import { ClientEvent } from '../events/client-event';
import { JsonObject, Pdu } from '../events/pdu.types';
import { RoomVersion } from '../room-versions/room-version.types';
import { keptContentKeys, keptTopLevelKeys } from './redaction-rules';

export type RedactionRules = Pick<RoomVersion, 'redaction'>;

/**
 * The redaction algorithm of the room version (rooms/fragments v1-redactions, v6-redactions,
 * v9-redactions, v11-redactions): every top-level key not in the version's list is stripped,
 * and `content` keeps only the keys its event type protects. `unsigned` is not on any list, so
 * it goes too. Returns a new object; kept nested values are shared with the input, not copied.
 * Redacting a redacted event changes nothing.
 *
 * Throws MatrixError(M_BAD_JSON, 400) when `type` is not a string or `content` not an object.
 */
export function redact(pdu: Pdu, version: RedactionRules): Pdu {
  return redactEventObject(pdu as unknown as Record<string, unknown>, version) as unknown as Pdu;
}

/** The content that survives redaction of an event of `type`. */
export function redactContent(type: string, content: JsonObject, version: RedactionRules): JsonObject {
  if (typeof type !== 'string') throw new MatrixError('M_BAD_JSON', 400, 'An event needs a string "type"');
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new MatrixError('M_BAD_JSON', 400, 'An event needs an object "content"');
  }
  const kept = keptContentKeys(version.redaction, type);
  if (kept === 'all') return content;
  const out: JsonObject = {};
  for (const key of kept) {
    if (Object.prototype.hasOwnProperty.call(content, key) && content[key] !== undefined)
      out[key] = content[key];
  }
  // v11-redactions: m.room.member "allows the `signed` key of the `third_party_invite` key". An
  // object without `signed` stays as `{}`, as Synapse redacts it, so that event IDs agree.
  if (version.redaction === 'v11' && type === 'm.room.member') {
    const invite = content.third_party_invite;
    if (typeof invite === 'object' && invite !== null && !Array.isArray(invite)) {
      out.third_party_invite = invite.signed === undefined ? {} : { signed: invite.signed };
    }
  }
  return out;
}

/**
 * Redacts an event in the client-server format (client-server-api "Redactions"): the same keys
 * survive, since every top-level key of a client event that the algorithm protects has the same
 * name there. `unsigned` is rebuilt from scratch, holding the redaction event as
 * `redacted_because` when one is given ("Servers should include a copy of the m.room.redaction
 * event under unsigned as redacted_because").
 */
export function redactClientEvent(
  event: ClientEvent,
  version: RedactionRules,
  redactedBecause?: ClientEvent | JsonObject,
): ClientEvent {
  const redacted = redactEventObject(
    event as unknown as Record<string, unknown>,
    version,
  ) as unknown as ClientEvent;
  if (redactedBecause !== undefined)
    redacted.unsigned = { redacted_because: redactedBecause as unknown as JsonObject };
  return redacted;
}

function redactEventObject(event: Record<string, unknown>, version: RedactionRules): Record<string, unknown> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new MatrixError('M_BAD_JSON', 400, 'An event must be a JSON object');
  }
  const { type, content } = event;
  if (typeof type !== 'string') throw new MatrixError('M_BAD_JSON', 400, 'An event needs a string "type"');
  const out: Record<string, unknown> = {};
  for (const key of keptTopLevelKeys(version.redaction)) {
    if (Object.prototype.hasOwnProperty.call(event, key) && event[key] !== undefined) out[key] = event[key];
  }
  out.content = redactContent(type, content as JsonObject, version);
  return out;
}
