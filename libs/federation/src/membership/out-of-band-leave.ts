import {
  addHashesAndSignatures,
  computeEventId,
  IdentifiedPdu,
  JsonObject,
  Pdu,
  roomVersion,
  SigningKey,
} from '@switchboard/protocol';

/** The format the leave is built in: it only ever lives on this server, which derives its ID. */
const LOCAL_FORMAT = roomVersion('10')!;

/**
 * A leave that rejects an invite no resident server would take (Synapse's "out of band" leave):
 * it follows the invite alone and is known only here, where it takes the user out of the
 * invite.
 */
export function outOfBandLeave(
  invite: Pdu,
  inviteId: string,
  content: JsonObject,
  serverName: string,
  key: SigningKey,
): IdentifiedPdu {
  const pdu: Pdu = {
    room_id: invite.room_id,
    sender: invite.state_key as string,
    state_key: invite.state_key,
    type: 'm.room.member',
    content: { ...content, membership: 'leave' },
    prev_events: [inviteId],
    auth_events: [inviteId],
    depth: invite.depth + 1,
    origin_server_ts: Date.now(),
    hashes: { sha256: '' },
    signatures: {},
  };
  const signed = addHashesAndSignatures(pdu, LOCAL_FORMAT, serverName, key.keyId, key);
  return { eventId: computeEventId(signed, LOCAL_FORMAT), pdu: signed };
}
