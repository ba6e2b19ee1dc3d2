import { Inject, Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EduExchange, ReceiptEdu, RoomStateQuery } from '@switchboard/rooms';
import { EventsRepository, ReceiptsRepository, Transactions } from '@switchboard/storage';
import { requireJoined } from '../auth/user-access';

/** The stream key of receipts in sync tokens and on the notifier. */
export const RECEIPTS_STREAM = 'receipts';

export type ReadReceiptType = 'm.read' | 'm.read.private';

/** Read receipts (modules/receipts.md): "up to" markers per user, type and thread. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomStateQuery,
    private readonly events: EventsRepository,
    private readonly receipts: ReceiptsRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly edus: EduExchange,
  ) {}

  /** Records a receipt of a joined user for an event of the room; M_NOT_FOUND for any other event. */
  async send(
    userId: string,
    roomId: string,
    receiptType: ReadReceiptType,
    eventId: string,
    threadId?: string,
  ): Promise<void> {
    await requireEventInRoom(this.rooms, this.events, this.transactions, roomId, userId, eventId);
    const ts = Date.now();
    await this.store({
      roomId,
      receiptType,
      userId,
      eventIds: [eventId],
      ts,
      ...(threadId ? { threadId } : {}),
    });
    await this.edus.local.receipt({ roomId, receiptType, userId, eventIds: [eventId], ts, threadId });
  }

  /** A receipt of a user of another server, as its server told us (federation checked who may). */
  async remoteReceipt(receipt: ReceiptEdu): Promise<void> {
    await this.store(receipt);
  }

  private async store(receipt: ReceiptEdu): Promise<void> {
    // A receipt marks one event; of several, the last listed is the one read up to.
    const eventId = receipt.eventIds[receipt.eventIds.length - 1];
    if (eventId === undefined) return;
    const position = await this.transactions.run((tx) =>
      this.receipts.upsert(tx, {
        roomId: receipt.roomId,
        receiptType: receipt.receiptType,
        userId: receipt.userId,
        threadId: receipt.threadId ?? null,
        eventId,
        ts: receipt.ts,
      }),
    );
    if (position !== null) await this.notifier.publish(RECEIPTS_STREAM, position);
  }
}

/**
 * Receipts and read markers may only point at events of the room that the user can see: the user
 * must be joined, and the event a timeline event of that room.
 */
export async function requireEventInRoom(
  rooms: RoomStateQuery,
  events: EventsRepository,
  transactions: Transactions,
  roomId: string,
  userId: string,
  eventId: string,
): Promise<void> {
  await requireJoined(rooms, roomId, userId);
  const event = await events.get(transactions.reader, eventId);
  if (
    !event ||
    event.roomId !== roomId ||
    event.streamOrdering === null ||
    event.softFailed ||
    event.rejectedReason
  ) {
    throw new MatrixError('M_NOT_FOUND', 404, `Event ${eventId} not found in room ${roomId}`);
  }
}
