import { Injectable } from '@nestjs/common';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { JoinedRooms } from '../sync/joined-rooms';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { UnreadCountsService } from './unread-counts.service';

/**
 * rooms.join[roomId].unread_notifications (and unread_thread_notifications). The counts follow
 * room events, so this stream's position is the events stream's: "The updated notification count
 * from a new event MUST appear in the same /sync response as the event itself". A receipt moves
 * them too; the receipts stream adds the counts of rooms where the user's own receipt moved. In an
 * incremental sync only rooms already in the response get them: an event the filter hides is no
 * news, and a room entry holding nothing but counts would end the long-poll for it (Synapse does
 * the same).
 */
@SyncStreamProvider()
@Injectable()
export class UnreadNotificationsStream implements SyncStream {
  readonly key = 'unread_notifications';
  readonly after = [EVENTS_STREAM];

  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly counts: UnreadCountsService,
    private readonly joined: JoinedRooms,
  ) {}

  latest(): Promise<number> {
    return this.events.maxStreamOrdering(this.transactions.reader);
  }

  async full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    await this.counts.addTo(req, out, await this.joined.of(req), to);
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    if (from >= to) return;
    const inResponse = Object.keys(out.body.rooms?.join ?? {});
    const rooms = await this.events.roomsWithEvents(this.transactions.reader, inResponse, from, to);
    await this.counts.addTo(req, out, rooms, to);
  }
}
