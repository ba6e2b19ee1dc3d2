import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  computeEventId,
  JsonObject,
  MatrixError,
  Pdu,
  roomVersion,
  SigningKey,
  tryServerNameOf,
} from '@switchboard/protocol';
import { coSign, OutOfRoomMembershipStore } from '@switchboard/rooms';
import { AccountsRepository, SIGNING_KEY, Transactions } from '@switchboard/storage';
import { EventSignatures } from './event-signatures';

export interface ReceivedInvite {
  roomId: string;
  eventId: string;
  roomVersion: string;
  event: unknown;
  inviteRoomState: unknown;
}

/**
 * The invited server's end of server-server-api "Inviting to a room": the invite of one of our
 * users, signed by the inviting server, is checked, signed by us and kept, so the user sees it in
 * /sync with the room's stripped state; the signed event goes back to the inviting server.
 */
@Injectable()
export class InviteReceiver {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly signatures: EventSignatures,
    private readonly store: OutOfRoomMembershipStore,
  ) {}

  async receive(origin: string, invite: ReceivedInvite): Promise<Pdu> {
    const version = roomVersion(invite.roomVersion);
    if (!version) {
      throw new MatrixError(
        'M_INCOMPATIBLE_ROOM_VERSION',
        400,
        `Room version ${invite.roomVersion} is not supported`,
        {
          room_version: invite.roomVersion,
        },
      );
    }
    const pdu = checkInvite(invite.event, invite.roomId);
    const eventId = computeEventId(pdu, version);
    if (eventId !== invite.eventId) {
      throw new MatrixError('M_BAD_JSON', 400, `The event ID is ${eventId}, not ${invite.eventId}`);
    }
    if (tryServerNameOf(pdu.sender) !== origin) {
      throw new MatrixError('M_FORBIDDEN', 403, `${origin} may not send an invite from ${pdu.sender}`);
    }
    const invitee = pdu.state_key as string;
    if (tryServerNameOf(invitee) !== this.config.server_name) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'The invite event must be for a user of this server');
    }
    const account = await this.accounts.find(this.transactions.reader, invitee);
    // An invite for a name nobody has registered yet is kept, as Synapse does; a deactivated
    // account takes none.
    if (account?.deactivated) throw new MatrixError('M_NOT_FOUND', 404, `Unknown user ${invitee}`);
    const check = await this.signatures.check(pdu, version);
    if (check.status !== 'ok') {
      throw new MatrixError('M_FORBIDDEN', 403, 'The invite is not correctly signed by its sender');
    }
    const signed = coSign(pdu, version, this.config.server_name, this.key);
    await this.store.storeInvite({ eventId, pdu: signed }, version.id, strippedState(invite.inviteRoomState));
    return signed;
  }
}

function checkInvite(event: unknown, roomId: string): Pdu {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new MatrixError('M_BAD_JSON', 400, 'The invite event must be a JSON object');
  }
  const pdu = event as Pdu;
  if (pdu.room_id !== roomId) throw new MatrixError('M_BAD_JSON', 400, `The event is not for room ${roomId}`);
  if (
    pdu.type !== 'm.room.member' ||
    typeof pdu.state_key !== 'string' ||
    typeof pdu.content !== 'object' ||
    pdu.content === null ||
    pdu.content.membership !== 'invite'
  ) {
    throw new MatrixError('M_BAD_JSON', 400, 'The event must be an m.room.member invite');
  }
  return pdu;
}

/** invite_room_state: "stripped state events", kept only in that shape. */
function strippedState(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (e): e is JsonObject =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.type === 'string' &&
        typeof e.state_key === 'string' &&
        typeof e.sender === 'string' &&
        typeof e.content === 'object',
    )
    .map((e) => ({ type: e.type, state_key: e.state_key, sender: e.sender, content: e.content }));
}
