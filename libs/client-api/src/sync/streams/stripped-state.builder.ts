import { Injectable } from '@nestjs/common';
import { STRIPPED_STATE_TYPES, StrippedStateEvent, stateKey, toStrippedState } from '@switchboard/protocol';
import { EventsRepository, MembershipRow, Transactions } from '@switchboard/storage';
import { RoomStateAt } from '../../timeline/room-state-at.service';

/**
 * invite_state / knock_state of /sync: the room's stripped state when the invite or knock was
 * made, the member event of whoever sent it, and the invite or knock itself.
 */
@Injectable()
export class StrippedStateBuilder {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly stateAt: RoomStateAt,
  ) {}

  async build(membership: MembershipRow): Promise<StrippedStateEvent[]> {
    const q = this.transactions.reader;
    const own = await this.events.get(q, membership.eventId);
    if (!own) return [];
    // An invite or knock through another server, to a room this one is not in, came with the room's state.
    const sent = own.pdu.unsigned?.invite_room_state ?? own.pdu.unsigned?.knock_room_state;
    if (own.outlier && Array.isArray(sent))
      return [...(sent as unknown as StrippedStateEvent[]), toStrippedState(own.pdu)!];
    const before = await this.stateAt.before(own);
    const keys = [
      ...STRIPPED_STATE_TYPES.map((type) => stateKey(type, '')),
      stateKey('m.room.member', own.sender),
    ];
    const ids = keys
      .map((key) => before.get(key))
      .filter((id): id is string => id !== undefined && id !== own.eventId);
    const rows = await this.events.getMany(q, ids);
    return [...ids.map((id) => rows.get(id)), own]
      .map((row) => (row ? toStrippedState(row.pdu) : undefined))
      .filter((event): event is StrippedStateEvent => event !== undefined);
  }
}
