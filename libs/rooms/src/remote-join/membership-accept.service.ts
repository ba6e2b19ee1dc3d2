import { Injectable } from '@nestjs/common';
import { canonicalJson, computeEventId, MatrixError, Pdu, serverNameOf } from '@switchboard/protocol';
import { EventsRepository, StateSnapshotsRepository, Transactions } from '@switchboard/storage';
import { RoomInput } from '../input/room-input.service';
import { EventCache } from '../query/event-cache';
import { RoomStateQuery } from '../query/room-state.query';
import { AuthChains } from './auth-chains';
import { MembershipTemplates, RemoteMembership } from './membership-template.service';

export interface AcceptedMembership {
  /** The room's state before the event, as full PDUs. */
  state: Pdu[];
  /** The auth chain of that state and of the event. */
  authChain: Pdu[];
  event: Pdu;
}

/**
 * The resident server's half of send_join, send_leave and send_knock: the signed event goes
 * through the input pipeline as any event from another server; once accepted the joining server
 * gets the room's state before it and the auth chain ("state", "auth_chain").
 */
@Injectable()
export class MembershipAccept {
  constructor(
    private readonly transactions: Transactions,
    private readonly templates: MembershipTemplates,
    private readonly input: RoomInput,
    private readonly events: EventsRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly cache: EventCache,
    private readonly chains: AuthChains,
    private readonly roomState: RoomStateQuery,
  ) {}

  async accept(
    origin: string,
    roomId: string,
    eventId: string,
    body: unknown,
    membership: RemoteMembership,
  ): Promise<AcceptedMembership> {
    const version = await this.templates.residentRoom(roomId);
    const pdu = checkShape(body, roomId, membership);
    let computed: string;
    try {
      // The room version's canonical JSON (no floats, integers in range) or M_BAD_JSON.
      canonicalJson(pdu, { version });
      computed = computeEventId(pdu, version);
    } catch (err) {
      throw new MatrixError('M_BAD_JSON', 400, (err as Error).message);
    }
    if (computed !== eventId)
      throw new MatrixError('M_BAD_JSON', 400, `The event ID is ${computed}, not ${eventId}`);
    // "The sending server must be the one the event's sender belongs to" (joins from other servers).
    if (serverNameOf(pdu.sender) !== origin) {
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        `${origin} may not send a membership event for ${pdu.sender}`,
      );
    }
    if (membership === 'join' && pdu.content.kind === 'guest') await this.refuseGuestsUnlessAllowed(roomId);
    const [result] = await this.input.input([{ kind: 'new', roomId, pdu, origin }]);
    if (result.outcome !== 'accepted' && result.outcome !== 'duplicate') {
      throw new MatrixError('M_FORBIDDEN', 403, result.reason ?? `The ${membership} event was not accepted`);
    }
    const q = this.transactions.reader;
    const row = await this.events.get(q, eventId);
    if (!row || row.outlier || row.softFailed || row.rejectedReason) {
      throw new MatrixError('M_FORBIDDEN', 403, `The ${membership} event was not accepted`);
    }
    const stateIds =
      row.snapshotBefore === null ? new Map() : await this.snapshots.load(q, row.snapshotBefore);
    const state = [...(await this.cache.getMany(q, [...stateIds.values()])).values()];
    const authChain = await this.chains.of(q, [...state.map((e) => e.eventId), eventId]);
    return { state: state.map((e) => e.pdu), authChain: authChain.map((e) => e.pdu), event: row.pdu };
  }

  /**
   * modules/guest_access: "Servers MUST only allow guest users to join rooms if the
   * m.room.guest_access state event is present on the room, and has the guest_access value
   * can_join." The joining server marks its guest's join `kind: guest`; only the room's server
   * knows the room's guest_access.
   */
  private async refuseGuestsUnlessAllowed(roomId: string): Promise<void> {
    const guestAccess = await this.roomState.currentEvent(roomId, 'm.room.guest_access', '');
    if (guestAccess?.pdu.content.guest_access !== 'can_join') {
      throw new MatrixError('M_FORBIDDEN', 403, 'Guest access is not allowed in this room.');
    }
  }
}

/** The event must be the member event the endpoint is for: "the state_key is the sender". */
function checkShape(body: unknown, roomId: string, membership: RemoteMembership): Pdu {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MatrixError('M_BAD_JSON', 400, 'The event must be a JSON object');
  }
  const pdu = body as Pdu;
  if (pdu.room_id !== roomId) throw new MatrixError('M_BAD_JSON', 400, `The event is not for room ${roomId}`);
  if (pdu.type !== 'm.room.member' || typeof pdu.content !== 'object' || pdu.content === null) {
    throw new MatrixError('M_BAD_JSON', 400, 'The event must be an m.room.member event');
  }
  if (pdu.content.membership !== membership) {
    throw new MatrixError('M_BAD_JSON', 400, `The event's membership must be ${membership}`);
  }
  if (pdu.state_key !== pdu.sender) {
    throw new MatrixError('M_BAD_JSON', 400, 'The state_key of the event must be its sender');
  }
  return pdu;
}
