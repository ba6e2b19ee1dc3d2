import { Inject, Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { RoomStateQuery } from '@switchboard/rooms';
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
    const position = await this.transactions.run((tx) =>
      this.receipts.upsert(tx, {
        roomId,
        receiptType,
        userId,
        threadId: threadId ?? null,
        eventId,
        ts: Date.now(),
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
