import { checkHashesAndSignatures, IdentifiedPdu, RoomVersion, VerifyKey } from '@switchboard/protocol';
import { VerifyKeys } from '../api/federation-ports';
import { InputRejection } from './input.types';

/**
 * Step 3, server-server-api "Checks performed on receipt of a PDU" 2 and 3: the signatures of the
 * servers that must sign, then the content hash. A bad or missing signature drops the event; a
 * content hash mismatch keeps the event, redacted ("the receiving server should use the redacted
 * copy it calculated rather than the full copy it received").
 */
export async function verifyInput(
  event: IdentifiedPdu,
  version: RoomVersion,
  keys: VerifyKeys,
): Promise<IdentifiedPdu> {
  const known = new Map<string, VerifyKey>();
  const lookup = (serverName: string, keyId: string) => known.get(`${serverName}\u0000${keyId}`);
  for (let round = 0; round < 2; round++) {
    const check = checkHashesAndSignatures(event.pdu, version, lookup);
    switch (check.status) {
      case 'ok':
        return event;
      case 'content_hash_mismatch':
        return { eventId: event.eventId, pdu: check.redacted };
      case 'bad_signature':
        throw new InputRejection('dropped', check.message);
      case 'missing_signature':
        if (round > 0 || check.unknownKeyIds.length === 0) throw new InputRejection('dropped', check.message);
        for (const keyId of check.unknownKeyIds) {
          const key = await keys.get(check.serverName, keyId);
          if (key) known.set(`${check.serverName}\u0000${keyId}`, key);
        }
    }
  }
  throw new InputRejection('dropped', 'signatures could not be checked');
}
