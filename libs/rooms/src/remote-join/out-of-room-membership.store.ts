import { Inject, Injectable } from '@nestjs/common';
import { IdentifiedPdu, JsonObject } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import {
  EventsRepository,
  Membership,
  MembershipsRepository,
  RoomsRepository,
  Transactions,
  pduColumns,
} from '@switchboard/storage';
import { EVENTS_STREAM } from '../perform/send.perform';

/**
 * Member events of local users in rooms this server is not in: an invite another server sent
 * (server-server-api "Inviting to a room"), the leave that rejects it ("Leaving Rooms
 * (Rejecting Invites)"), and a knock through another server ("Knocking upon a room"). Each is stored as an outlier (the room's state is not ours to know) but
 * with a stream position and the user's membership, so /sync shows the invite, with the stripped
 * state the inviting server sent, and then the rejection.
 */
@Injectable()
export class OutOfRoomMembershipStore {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly memberships: MembershipsRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /**
   * `inviteRoomState`: stripped state events, kept in the event's unsigned.invite_room_state. The
   * room is recorded with its version (as Synapse does for such "outlier memberships"), which
   * reading its events needs; it has no state here until a join.
   */
  async storeInvite(
    event: IdentifiedPdu,
    roomVersion: string,
    inviteRoomState: readonly JsonObject[],
  ): Promise<void> {
    const pdu = {
      ...event.pdu,
      unsigned: { ...event.pdu.unsigned, invite_room_state: [...inviteRoomState] },
    };
    await this.store({ eventId: event.eventId, pdu }, 'invite', roomVersion);
  }

  /** A knock through another server, with its "knock_room_state" (stripped) in unsigned.knock_room_state. */
  async storeKnock(
    event: IdentifiedPdu,
    roomVersion: string,
    knockRoomState: readonly JsonObject[],
  ): Promise<void> {
    const pdu = { ...event.pdu, unsigned: { ...event.pdu.unsigned, knock_room_state: [...knockRoomState] } };
    await this.store({ eventId: event.eventId, pdu }, 'knock', roomVersion);
  }

  async storeLeave(event: IdentifiedPdu): Promise<void> {
    await this.store(event, 'leave');
  }

  private async store(
    { eventId, pdu }: IdentifiedPdu,
    membership: Membership,
    roomVersion?: string,
  ): Promise<void> {
    const roomId = pdu.room_id as string;
    const position = await this.transactions.run(async (tx) => {
      if (await this.events.get(tx, eventId)) return null;
      if (roomVersion !== undefined && !(await this.rooms.get(tx, roomId))) {
        await this.rooms.insert(tx, {
          roomId,
          roomVersion,
          creator: pdu.sender,
          createdTs: pdu.origin_server_ts,
        });
      }
      const streamOrdering = await this.events.nextStreamOrdering(tx);
      await this.events.insert(tx, {
        eventId,
        roomId,
        streamOrdering,
        ...pduColumns(pdu),
        outlier: true,
        softFailed: false,
        rejectedReason: null,
        snapshotBefore: null,
        snapshotAfter: null,
        replacesState: null,
      });
      await this.memberships.set(tx, {
        roomId,
        userId: pdu.state_key as string,
        membership,
        eventId,
        sender: pdu.sender,
        streamOrdering,
      });
      return streamOrdering;
    });
    if (position !== null) await this.notifier.publish(EVENTS_STREAM, position);
  }
}
