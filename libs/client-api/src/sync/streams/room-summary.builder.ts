import { Injectable } from '@nestjs/common';
import { stateKey } from '@switchboard/protocol';
import { EventsRepository, MembershipsRepository, Transactions } from '@switchboard/storage';
import { RoomStateAt } from '../../timeline/room-state-at.service';

export interface RoomSummary {
  'm.heroes'?: string[];
  'm.joined_member_count': number;
  'm.invited_member_count': number;
}

/** "The server should return at most 5 users". */
const MAX_HEROES = 5;

/**
 * client-server-api "Syncing", RoomSummary: the member counts and the heroes a client names an
 * unnamed room after: joined and invited members other than the user, else those who left. The
 * heroes are "Required if the room's m.room.name or m.room.canonical_alias state events are unset
 * or empty": a named room gets the counts alone, as from Synapse.
 */
@Injectable()
export class RoomSummaryBuilder {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
    private readonly events: EventsRepository,
    private readonly stateAt: RoomStateAt,
  ) {}

  /** The summary as of room-event position `at`. */
  async build(roomId: string, userId: string, at: number): Promise<RoomSummary> {
    const members = await this.memberships.inRoom(this.transactions.reader, roomId);
    const others = members.filter((m) => m.userId !== userId);
    const present = others.filter((m) => m.membership === 'join' || m.membership === 'invite');
    const heroes = (
      present.length > 0 ? present : others.filter((m) => m.membership === 'leave' || m.membership === 'ban')
    )
      .sort((a, b) => a.streamOrdering - b.streamOrdering)
      .slice(0, MAX_HEROES)
      .map((m) => m.userId);
    const counts = {
      'm.joined_member_count': members.filter((m) => m.membership === 'join').length,
      'm.invited_member_count': members.filter((m) => m.membership === 'invite').length,
    };
    return (await this.named(roomId, at)) ? counts : { 'm.heroes': heroes, ...counts };
  }

  private async named(roomId: string, at: number): Promise<boolean> {
    const state = await this.stateAt.at(roomId, at);
    const ids = [stateKey('m.room.name', ''), stateKey('m.room.canonical_alias', '')]
      .map((key) => state.get(key))
      .filter((id): id is string => id !== undefined);
    const rows = await this.events.getMany(this.transactions.reader, ids);
    return [...rows.values()].some((row) => {
      const { name, alias } = row.pdu.content;
      return (typeof name === 'string' && name !== '') || (typeof alias === 'string' && alias !== '');
    });
  }
}
