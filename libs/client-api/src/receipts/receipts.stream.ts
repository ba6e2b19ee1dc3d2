import { Injectable } from '@nestjs/common';
import { receiptEvent } from '@switchboard/protocol';
import { ReceiptRow, ReceiptsRepository, Transactions } from '@switchboard/storage';
import { addRoomEphemeral } from '../sync/filtered-output';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { JoinedRooms } from '../sync/joined-rooms';
import { UnreadCountsService } from '../unread_notifications/unread-counts.service';
import { RECEIPTS_STREAM } from './receipts.service';

/**
 * rooms.join[roomId].ephemeral m.receipt, one event per room: everything on an initial sync, the
 * receipts that changed since on an incremental one. "Servers MUST NOT send the `m.read.private`
 * receipt to any other user than the one which originally sent it."
 */
@SyncStreamProvider()
@Injectable()
export class ReceiptsStream implements SyncStream {
  readonly key = RECEIPTS_STREAM;

  constructor(
    private readonly transactions: Transactions,
    private readonly receipts: ReceiptsRepository,
    private readonly unread: UnreadCountsService,
    private readonly joined: JoinedRooms,
  ) {}

  latest(): Promise<number> {
    return this.receipts.maxStreamId(this.transactions.reader);
  }

  async full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    this.add(req, out, await this.receipts.inRooms(this.transactions.reader, await this.joined.of(req), to));
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    if (from >= to) return;
    const rows = await this.receipts.changed(this.transactions.reader, await this.joined.of(req), from, to);
    this.add(req, out, rows);
    // The user's own read receipt moved: their unread counts in that room changed with it.
    const reread = [...new Set(rows.filter((r) => r.userId === req.userId).map((r) => r.roomId))];
    await this.unread.addTo(req, out, reread, Number.MAX_SAFE_INTEGER);
  }

  private add(req: SyncRequest, out: SyncResponseBuilder, rows: readonly ReceiptRow[]): void {
    const byRoom = new Map<string, ReceiptRow[]>();
    for (const row of rows) {
      if (row.receiptType === 'm.read.private' && row.userId !== req.userId) continue;
      byRoom.set(row.roomId, [...(byRoom.get(row.roomId) ?? []), row]);
    }
    for (const [roomId, receipts] of byRoom) {
      addRoomEphemeral(
        req,
        out,
        roomId,
        receiptEvent(receipts.map((r) => ({ ...r, threadId: r.threadId ?? undefined }))),
      );
    }
  }
}
