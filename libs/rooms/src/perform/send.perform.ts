import { Inject, Injectable } from '@nestjs/common';
import { EventTemplate } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EventsRepository, EventTxn, Transactions } from '@switchboard/storage';
import { RoomLocks } from '../locks/room-locks';
import { EventWriter } from './event-writer';

/** The stream every room event advances; /sync waits on it. */
export const EVENTS_STREAM = 'events';

export interface Sent {
  eventId: string;
  streamOrdering: number;
}

/** Sends one local event into a room (ARCHITECTURE.md "One event's way", steps 2-4). */
@Injectable()
export class SendPerform {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: RoomLocks,
    private readonly writer: EventWriter,
    private readonly events: EventsRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /**
   * With `txn`, a repeat of the same device's transaction ID in the same room returns the first
   * event and stores nothing new (client-server-api "Transaction identifiers").
   */
  async send(roomId: string, sender: string, template: EventTemplate, txn?: EventTxn): Promise<Sent> {
    const sent = await this.locks.withRoom(roomId, () =>
      this.transactions.run(async (tx) => {
        await this.writer.lockRoom(tx, roomId);
        if (txn) {
          const earlier = await this.events.findByTxn(tx, roomId, txn);
          if (earlier) return { eventId: earlier, streamOrdering: 0 };
        }
        const { room, version } = await this.writer.loadRoom(tx, roomId);
        const { eventId, streamOrdering } = await this.writer.write(tx, room, version, sender, template, txn);
        return { eventId, streamOrdering };
      }),
    );
    if (sent.streamOrdering > 0) await this.notifier.publish(EVENTS_STREAM, sent.streamOrdering);
    return sent;
  }
}
