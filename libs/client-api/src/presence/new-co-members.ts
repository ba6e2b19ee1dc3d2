import { Injectable } from '@nestjs/common';
import { MembershipsRepository, Transactions } from '@switchboard/storage';

/**
 * Users who came to share a joined room with someone after room-event position `after`: everyone
 * in a room the user joined since, and whoever joined one of the user's rooms since. Their
 * presence is news to the user even when it has not changed (Synapse sends it, and SyTest's
 * "Newly joined room includes presence in incremental sync" expects it).
 */
@Injectable()
export class NewCoMembers {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
  ) {}

  async of(userId: string, after: number): Promise<Set<string>> {
    const q = this.transactions.reader;
    const rooms = await this.memberships.forUser(q, userId, ['join']);
    const joins = await this.memberships.joinedSince(
      q,
      rooms.map((r) => r.roomId),
      after,
    );
    const users = new Set(joins.map((row) => row.userId));
    for (const row of joins) {
      if (row.userId !== userId) continue;
      for (const member of await this.memberships.inRoom(q, row.roomId, ['join'])) users.add(member.userId);
    }
    users.delete(userId);
    return users;
  }
}
