import { decodeBase64 } from '../base64/unpadded-base64';
import { canonicalJson } from '../canonical-json/canonical-json';
import { MatrixError } from '../errors/matrix-error';
import { tryParseEventId } from '../identifiers/event-id';
import { tryParseUserId } from '../identifiers/user-id';
import { redact } from '../redaction/redact';
import { RoomVersion } from '../room-versions/room-version.types';
import { checkSignaturesOf, SignatureCheck, VerifyKeyLookup } from '../signing/verify-json';
import { contentHashBytes, HashingRules, withoutLocalEventId } from './event-hashing';
import { Pdu } from './pdu.types';

/** A server's verify key as the key store knows it (server-server-api "Retrieving server keys"). */
export interface VerifyKey {
  /** Unpadded Base64 of the 32-byte ed25519 public key. */
  readonly key: string;
  /** `valid_until_ts` of the key response, for room versions that enforce it. */
  readonly validUntilTs?: number;
  /** `expired_ts` of an old verify key. */
  readonly expiredTs?: number;
}

/**
 * Synchronous on purpose: protocol does no I/O, so the caller fetches the keys an event names
 * (see `missing_signature.unknownKeyIds`) and answers from memory.
 */
export type EventKeyLookup = (serverName: string, keyId: string) => VerifyKey | string | undefined;

export type EventCheckRules = HashingRules & Pick<RoomVersion, 'enforceKeyValidity'>;

/**
 * The outcome of server-server-api "Validating hashes and signatures on received events":
 * - `ok`: signatures and content hash hold; use the event as received.
 * - `content_hash_mismatch`: signatures hold but the hash does not: "the receiving server should
 *   use the redacted copy it calculated rather than the full copy it received" (`redacted`).
 * - `bad_signature`: a signature from a required server under a known key is invalid: drop it.
 * - `missing_signature`: a required server has no ed25519 signature, or none under a key the
 *   lookup knows (`unknownKeyIds`, empty when there is no signature at all): fetch those keys and
 *   check again, or drop the event.
 */
export type EventCheck =
  | { readonly status: 'ok' }
  | { readonly status: 'content_hash_mismatch'; readonly redacted: Pdu }
  | {
      readonly status: 'bad_signature';
      readonly serverName: string;
      readonly keyId: string;
      readonly message: string;
    }
  | {
      readonly status: 'missing_signature';
      readonly serverName: string;
      readonly unknownKeyIds: readonly string[];
      readonly message: string;
    };

/**
 * Checks a PDU received over federation. Signatures first, on the redacted event, so that they
 * hold "whether we have been sent the full event or a redacted copy"; then the content hash.
 * Throws MatrixError(M_BAD_JSON, 400) for an event too malformed to check (no valid `sender`,
 * a room version 1/2 event without a valid `event_id`, JSON the version's canonical JSON rejects).
 */
export function checkHashesAndSignatures(
  pdu: Pdu,
  version: EventCheckRules,
  lookup: EventKeyLookup,
): EventCheck {
  const event = withoutLocalEventId(pdu, version);
  const redacted = redact(event, version);
  const message = lazyMessage(redacted, version);
  const keys = keysValidAt(event, version, lookup);
  for (const serverName of requiredSignatureServers(event, version)) {
    const check = checkSignaturesOf(redacted.signatures, serverName, keys, undefined, message);
    if (!check.ok) {
      return check.reason === 'bad_signature'
        ? { status: 'bad_signature', serverName, keyId: check.keyIds[0] ?? '', message: check.message }
        : {
            status: 'missing_signature',
            serverName,
            unknownKeyIds: check.reason === 'unknown_key' ? check.keyIds : [],
            message: check.message,
          };
    }
  }
  const expected = contentHashBytes(event, version);
  const received = receivedContentHash(event);
  if (received === undefined || !received.equals(expected))
    return { status: 'content_hash_mismatch', redacted };
  return { status: 'ok' };
}

/**
 * Whether `serverName` signed the event, with the same redaction and key rules; for checks other
 * than the originating server's, e.g. the `join_authorised_via_users_server` rule of restricted
 * joins ("If the event is not validly signed by the homeserver of the user ID denoted by the key,
 * reject").
 */
export function checkEventSignedBy(
  pdu: Pdu,
  version: EventCheckRules,
  serverName: string,
  lookup: EventKeyLookup,
): SignatureCheck {
  const event = withoutLocalEventId(pdu, version);
  const redacted = redact(event, version);
  return checkSignaturesOf(
    redacted.signatures,
    serverName,
    keysValidAt(event, version, lookup),
    undefined,
    lazyMessage(redacted, version),
  );
}

/**
 * The servers whose signatures an event needs: "For room versions 3 and later, unless the event
 * is a 3rd party invite, only the signature(s) from the originating server (the server the
 * `sender` belongs to) are required for verification. Room versions 1 and 2 also require that a
 * signature is present from the domain in the `event_id`, if it differs from the originating
 * server." For a third-party invite "the server which actually sends the event may be a
 * different server", so, as Synapse does, the sender's server is not required for one; its
 * proof is the `signed` block the authorisation rules check.
 */
export function requiredSignatureServers(pdu: Pdu, version: Pick<RoomVersion, 'eventIdFormat'>): string[] {
  if (typeof pdu !== 'object' || pdu === null)
    throw new MatrixError('M_BAD_JSON', 400, 'An event must be a JSON object');
  const sender = tryParseUserId(pdu.sender);
  if (typeof sender === 'string')
    throw new MatrixError('M_BAD_JSON', 400, `Event has an invalid sender: ${sender}`);
  const servers = isThirdPartyInvite(pdu) ? [] : [sender.serverName];
  if (version.eventIdFormat === 'v1') {
    const eventId = tryParseEventId(pdu.event_id, { version });
    if (typeof eventId === 'string' || eventId.kind !== 'domain') {
      throw new MatrixError('M_BAD_JSON', 400, 'A room version 1/2 event needs a valid "event_id"');
    }
    if (!servers.includes(eventId.serverName)) servers.push(eventId.serverName);
  }
  return servers;
}

function isThirdPartyInvite(pdu: Pdu): boolean {
  const content = pdu.content;
  return (
    pdu.type === 'm.room.member' &&
    typeof content === 'object' &&
    content !== null &&
    content.membership === 'invite' &&
    content.third_party_invite !== undefined
  );
}

/**
 * "Any keys that are known to have expired prior to the event's `origin_server_ts` are ignored",
 * and from room version 5 (v5-signing-requirements) a key also only counts up to its
 * `valid_until_ts`.
 */
function keysValidAt(
  pdu: Pdu,
  version: Pick<RoomVersion, 'enforceKeyValidity'>,
  lookup: EventKeyLookup,
): VerifyKeyLookup {
  const ts = pdu.origin_server_ts;
  if (typeof ts !== 'number')
    throw new MatrixError('M_BAD_JSON', 400, 'Event needs a numeric "origin_server_ts"');
  return (serverName, keyId) => {
    const found = lookup(serverName, keyId);
    if (found === undefined || typeof found === 'string') return found;
    if (found.expiredTs !== undefined && found.expiredTs < ts) return undefined;
    if (version.enforceKeyValidity && found.validUntilTs !== undefined && found.validUntilTs < ts)
      return undefined;
    return found.key;
  };
}

function lazyMessage(redacted: Pdu, version: HashingRules): () => Buffer {
  let message: Buffer | undefined;
  return () => {
    if (!message) {
      const { signatures: _s, unsigned: _u, ...signed } = redacted;
      message = Buffer.from(canonicalJson(signed, { version }), 'utf8');
    }
    return message;
  };
}

function receivedContentHash(pdu: Pdu): Buffer | undefined {
  const hash = typeof pdu.hashes === 'object' && pdu.hashes !== null ? pdu.hashes.sha256 : undefined;
  if (typeof hash !== 'string') return undefined;
  try {
    return decodeBase64(hash);
  } catch {
    return undefined;
  }
}
