import { Injectable } from '@nestjs/common';
import { MembershipsRepository, Transactions } from '@switchboard/storage';

export interface RoomSummary {
  'm.heroes': string[];
  'm.joined_member_count': number;
  'm.invited_member_count': number;
}

/** "The server should return at most 5 users". */
const MAX_HEROES = 5;

/**
 * client-server-api "Syncing", RoomSummary: the member counts and the heroes a client names an
 * unnamed room after: joined and invited members other than the user, else those who left.
 */
@Injectable()
export class RoomSummaryBuilder {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
  ) {}

  async build(roomId: string, userId: string): Promise<RoomSummary> {
    const members = await this.memberships.inRoom(this.transactions.reader, roomId);
    const others = members.filter((m) => m.userId !== userId);
    const present = others.filter((m) => m.membership === 'join' || m.membership === 'invite');
    const heroes = (
      present.length > 0 ? present : others.filter((m) => m.membership === 'leave' || m.membership === 'ban')
    )
      .sort((a, b) => a.streamOrdering - b.streamOrdering)
      .slice(0, MAX_HEROES)
      .map((m) => m.userId);
    return {
      'm.heroes': heroes,
      'm.joined_member_count': members.filter((m) => m.membership === 'join').length,
      'm.invited_member_count': members.filter((m) => m.membership === 'invite').length,
    };
  }
}
