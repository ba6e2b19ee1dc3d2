import { Injectable } from '@nestjs/common';
import { EventRow, EventsRepository, Transactions } from '@switchboard/storage';

/** Single events of a room as clients may be served them. */
@Injectable()
export class RoomEventsQuery {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
  ) {}

  /**
   * The event if it is in this room's timeline: outliers, rejected and soft-failed events, and
   * events of other rooms, are never served.
   */
  async get(roomId: string, eventId: string): Promise<EventRow | null> {
    const row = await this.events.get(this.transactions.reader, eventId);
    const served =
      row !== null &&
      row.roomId === roomId &&
      row.streamOrdering !== null &&
      !row.outlier &&
      !row.softFailed &&
      row.rejectedReason === null;
    return served ? row : null;
  }

  /** Rows of events known to be served (state the room server chose), in the order asked. */
  async getMany(eventIds: readonly string[]): Promise<EventRow[]> {
    const rows = await this.events.getMany(this.transactions.reader, eventIds);
    return eventIds.map((id) => rows.get(id)).filter((row): row is EventRow => row !== undefined);
  }
}
