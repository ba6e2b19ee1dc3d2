import { redact } from '../redaction/redact';
import { SigningKey } from '../signing/ed25519-keys';
import { signJson } from '../signing/sign-json';
import { computeContentHash, HashingRules, withoutLocalEventId } from './event-hashing';
import { Pdu } from './pdu.types';

/**
 * server-server-api "Adding hashes and signatures to outgoing events": the content hash goes
 * into `hashes.sha256`, then the event is redacted and signed as JSON, and the signature is
 * "copied back to the original event object", next to any signatures it already had. Returns a
 * new PDU; the input is not modified.
 *
 * Throws MatrixError: M_BAD_JSON for content the room version's canonical JSON rejects,
 * M_INVALID_PARAM for a bad seed or key ID.
 */
export function addHashesAndSignatures(
  pdu: Pdu,
  version: HashingRules,
  serverName: string,
  keyId: string,
  key: Uint8Array | SigningKey,
): Pdu {
  const hashed: Pdu = { ...pdu, hashes: { sha256: computeContentHash(pdu, version) } };
  const redacted = redact(withoutLocalEventId(hashed, version), version);
  const { signatures } = signJson(redacted, serverName, keyId, key, { version });
  return { ...hashed, signatures };
}
