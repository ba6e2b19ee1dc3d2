import { Pdu, redact, RoomVersion, SigningKey, signJson } from '@switchboard/protocol';

/**
 * Adds this server's signature to another server's event, next to the ones it has: what the
 * invited server does to an invite ("the receiving server ... signs it", server-server-api
 * "Inviting to a room") and the resident server to a join it accepts. Signed as the redacted
 * event, without the `event_id` that only room versions 1 and 2 carry.
 */
export function coSign(pdu: Pdu, version: RoomVersion, serverName: string, key: SigningKey): Pdu {
  const { event_id: _eventId, ...withoutId } = pdu;
  const signed = version.eventIdFormat === 'v1' ? pdu : (withoutId as Pdu);
  const { signatures } = signJson(redact(signed, version), serverName, key.keyId, key, { version });
  return { ...pdu, signatures };
}
