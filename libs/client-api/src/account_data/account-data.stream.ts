import { Injectable } from '@nestjs/common';
import { accountDataEvent } from '@switchboard/protocol';
import { AccountDataRepository, Transactions } from '@switchboard/storage';
import { addGlobalAccountData, addRoomAccountData } from '../sync/filtered-output';
import { JoinedRooms } from '../sync/joined-rooms';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { ACCOUNT_DATA_STREAM } from './account-data.service';

/**
 * account_data.events and rooms.join[roomId].account_data: the latest content of each type that
 * changed (tags as m.tag, the read marker as m.fully_read). Rooms the user is not joined to are
 * left out.
 */
@SyncStreamProvider()
@Injectable()
export class AccountDataStream implements SyncStream {
  readonly key = ACCOUNT_DATA_STREAM;

  constructor(
    private readonly transactions: Transactions,
    private readonly accountData: AccountDataRepository,
    private readonly joined: JoinedRooms,
  ) {}

  latest(): Promise<number> {
    return this.accountData.maxStreamId(this.transactions.reader);
  }

  full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    return this.incremental(req, out, 0, to);
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    if (from >= to) return;
    const rows = await this.accountData.changed(this.transactions.reader, req.userId, from, to);
    const joined = new Set(rows.some((row) => row.roomId !== null) ? await this.joined.of(req) : []);
    for (const row of rows) {
      const event = accountDataEvent(row.type, row.content);
      if (row.roomId === null) addGlobalAccountData(req, out, event);
      else if (joined.has(row.roomId)) addRoomAccountData(req, out, row.roomId, event);
    }
  }
}
