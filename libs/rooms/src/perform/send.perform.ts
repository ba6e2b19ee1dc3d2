import { Inject, Injectable } from '@nestjs/common';
import { EventTemplate } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EventTxn, Transactions } from '@switchboard/storage';
import { RoomLocks } from '../locks/room-locks';
import { EventBatchWriter } from '../persist/event-batch.writer';
import { EventCache } from '../query/event-cache';
import { EventWriter } from './event-writer';
import { SendBatchBuilder, SendRequest } from './send-batch.builder';
import { SendQueue, Settled } from './send-queue';

/** The stream every room event advances; /sync waits on it. */
export const EVENTS_STREAM = 'events';

/** Sends queued while a batch is written go into the next one, at most this many. */
const MAX_BATCH = 100;

export interface Sent {
  eventId: string;
  streamOrdering: number;
}

/**
 * Sends local events into rooms (ARCHITECTURE.md "One event's way", steps 2-4), with group
 * commit: sends that arrive while a batch is being written are built and stored together in the
 * next transaction, across rooms, with the room locks and the stream lock taken once for all of
 * them. Each caller still gets its own event, or its own error.
 */
@Injectable()
export class SendPerform {
  private readonly queue = new SendQueue<SendRequest, Sent>(MAX_BATCH, (batch) => this.persist(batch));

  constructor(
    private readonly transactions: Transactions,
    private readonly locks: RoomLocks,
    private readonly writer: EventWriter,
    private readonly builder: SendBatchBuilder,
    private readonly batchWriter: EventBatchWriter,
    private readonly cache: EventCache,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /**
   * With `txn`, a repeat of the same device's transaction ID in the same room returns the first
   * event and stores nothing new (client-server-api "Transaction identifiers"), also when both
   * are in one batch.
   */
  send(roomId: string, sender: string, template: EventTemplate, txn?: EventTxn): Promise<Sent> {
    return this.queue.push({ roomId, sender, template, txn });
  }

  /**
   * One transaction for the batch. If it fails (a database error, not a refusal), each send is
   * tried in a transaction of its own, so one bad event cannot fail the rest.
   */
  private async persist(batch: SendRequest[]): Promise<Settled<Sent>[]> {
    let results: { settled: Settled<Sent>[]; position: number };
    try {
      results = await this.persistTogether(batch);
    } catch (error) {
      if (batch.length === 1) throw error;
      results = { settled: [], position: 0 };
      for (const request of batch) {
        try {
          const one = await this.persistTogether([request]);
          results.settled.push(one.settled[0]);
          results.position = Math.max(results.position, one.position);
        } catch (oneError) {
          results.settled.push({ error: oneError });
        }
      }
    }
    if (results.position > 0) await this.notifier.publish(EVENTS_STREAM, results.position);
    return results.settled;
  }

  private async persistTogether(
    batch: SendRequest[],
  ): Promise<{ settled: Settled<Sent>[]; position: number }> {
    const roomIds = [...new Set(batch.map((r) => r.roomId))];
    const { built, planned, positions } = await this.locks.withRooms(roomIds, () =>
      this.transactions.run(async (tx) => {
        await this.writer.lockRooms(tx, roomIds);
        const plan = await this.builder.plan(tx, batch);
        return { ...plan, positions: await this.batchWriter.write(tx, plan.built) };
      }),
    );
    for (const { event } of built) this.cache.remember(event);
    const settled = planned.map((p): Settled<Sent> => {
      if (p.kind === 'refused') return { error: p.error };
      if (p.kind === 'stored') return { value: { eventId: p.eventId, streamOrdering: 0 } };
      return { value: { eventId: built[p.index].event.eventId, streamOrdering: positions[p.index] } };
    });
    return { settled, position: positions.length > 0 ? positions[positions.length - 1] : 0 };
  }
}
