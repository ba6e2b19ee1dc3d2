import { Injectable } from '@nestjs/common';
import { RoomStateQuery } from '@switchboard/rooms';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { AccountDataService } from '../account_data/account-data.service';
import { ReceiptsService, requireEventInRoom } from '../receipts/receipts.service';

export interface ReadMarkers {
  fullyRead?: string;
  read?: string;
  readPrivate?: string;
}

/**
 * The fully read marker (modules/read_markers.md): the room's m.fully_read account data, which
 * only this API writes; m.read and m.read.private given here are sent as receipts would be.
 */
@Injectable()
export class ReadMarkersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomStateQuery,
    private readonly events: EventsRepository,
    private readonly receipts: ReceiptsService,
    private readonly accountData: AccountDataService,
  ) {}

  async set(userId: string, roomId: string, markers: ReadMarkers): Promise<void> {
    if (markers.fullyRead !== undefined) {
      await requireEventInRoom(this.rooms, this.events, this.transactions, roomId, userId, markers.fullyRead);
      await this.accountData.put(userId, roomId, 'm.fully_read', { event_id: markers.fullyRead });
    }
    if (markers.read !== undefined) await this.receipts.send(userId, roomId, 'm.read', markers.read);
    if (markers.readPrivate !== undefined)
      await this.receipts.send(userId, roomId, 'm.read.private', markers.readPrivate);
  }
}
