import { createHash } from 'node:crypto';
import { encodeBase64 } from '../base64/unpadded-base64';
import { canonicalJson } from '../canonical-json/canonical-json';
import { MatrixError } from '../errors/matrix-error';
import { redact } from '../redaction/redact';
import { RoomVersion } from '../room-versions/room-version.types';
import { Pdu } from './pdu.types';

export type HashingRules = Pick<RoomVersion, 'eventIdFormat' | 'canonicalJson' | 'redaction'>;

/**
 * server-server-api "Calculating the content hash for an event": "any existing `unsigned`,
 * `signatures`, and `hashes` properties are removed. The resulting object is then encoded as
 * Canonical JSON, and the JSON is hashed using SHA-256." Returned as unpadded Base64, the form
 * `hashes.sha256` takes.
 *
 * Top-level `age_ts`, `outlier` and `destinations` are removed as well: early Synapse put them on
 * events, and Synapse and gomatrixserverlib still leave them out of the hash, so an old event
 * carrying them would otherwise fail the check here alone and be redacted. No event this server
 * builds has them, so its hashes are what the spec's algorithm gives.
 */
export function computeContentHash(pdu: Pdu, version: HashingRules): string {
  return encodeBase64(contentHashBytes(pdu, version));
}

export function contentHashBytes(pdu: Pdu, version: HashingRules): Buffer {
  const {
    unsigned: _u,
    signatures: _s,
    hashes: _h,
    age_ts: _a,
    outlier: _o,
    destinations: _d,
    ...hashed
  } = asPduObject(withoutLocalEventId(pdu, version));
  return sha256(canonicalJson(hashed, { version }));
}

/**
 * server-server-api "Calculating the reference hash for an event": redact, remove `signatures`
 * and `unsigned`, encode as canonical JSON, SHA-256. The raw 32 bytes; event IDs and room
 * version 1/2 event references encode them.
 */
export function computeReferenceHash(pdu: Pdu, version: HashingRules): Buffer {
  const { signatures: _s, unsigned: _u, ...hashed } = redact(withoutLocalEventId(pdu, version), version);
  return sha256(canonicalJson(hashed, { version }));
}

/**
 * From room version 3 an event has no `event_id` of its own (rooms/v3 "Event format": "the
 * `event_id` field is no longer included. A server receiving an event should compute the relevant
 * event ID for itself"), so one held alongside the event, or sent by a careless server, must not
 * change its hashes, signatures or ID; gomatrixserverlib drops it from received events likewise.
 */
export function withoutLocalEventId(pdu: Pdu, version: Pick<RoomVersion, 'eventIdFormat'>): Pdu {
  if (version.eventIdFormat === 'v1' || asPduObject(pdu).event_id === undefined) return pdu;
  const { event_id: _e, ...rest } = pdu;
  return rest as Pdu;
}

function asPduObject(pdu: Pdu): Pdu {
  if (typeof pdu !== 'object' || pdu === null || Array.isArray(pdu)) {
    throw new MatrixError('M_BAD_JSON', 400, 'An event must be a JSON object');
  }
  return pdu;
}

function sha256(json: string): Buffer {
  return createHash('sha256').update(json, 'utf8').digest();
}
