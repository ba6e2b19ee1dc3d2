import { Injectable } from '@nestjs/common';
import { MembershipsRepository, Transactions } from '@switchboard/storage';

/** client-server-api "GET /joined_rooms". */
@Injectable()
export class JoinedRoomsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
  ) {}

  /** "The ID of each room in which the user has `joined` membership." */
  async list(userId: string): Promise<string[]> {
    const rows = await this.memberships.forUser(this.transactions.reader, userId, ['join']);
    return rows.map((r) => r.roomId).sort();
  }
}
