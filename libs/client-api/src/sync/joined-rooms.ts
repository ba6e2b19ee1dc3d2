import { Injectable } from '@nestjs/common';
import { roomFilterIncludes } from '@switchboard/protocol';
import { MembershipsRepository, Transactions } from '@switchboard/storage';
import { SyncRequest } from './sync-stream';

/**
 * The joined rooms, filtered by the request's room filter, for the per-user streams. The sync
 * service runs the rooms stream only when room events moved, so `out.joinedRoomIds` is empty in a
 * sync where only typing, receipts or account data changed; these streams read the memberships
 * themselves.
 */
@Injectable()
export class JoinedRooms {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
  ) {}

  async of(req: SyncRequest): Promise<string[]> {
    const rows = await this.memberships.forUser(this.transactions.reader, req.userId, ['join']);
    return rows.map((row) => row.roomId).filter((roomId) => roomFilterIncludes(req.filter.room, roomId));
  }
}
