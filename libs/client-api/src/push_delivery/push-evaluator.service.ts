import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { NOTIFIER, Notifier, StreamFollower } from '@switchboard/queue';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { PushActionsRepository, PushEvaluationRepository, Transactions } from '@switchboard/storage';
import { PUSH_ACTIONS_STREAM } from './push-actions-stream';
import { PushBatchEvaluator } from './push-batch.evaluator';
import { PushDeliveryQueue } from './push-delivery.queue';

const BATCH = 200;
/** A missed wake-up costs at most this long (notifier.port.ts: wake-ups may be lost). */
const IDLE_WAIT_MS = 10_000;
const ERROR_PAUSE_MS = 2_000;

/**
 * Evaluates every user's push rules against each new event after it is committed, so the send
 * path neither waits for it nor fails with it. Like the federation outbox it follows the events
 * stream from a position kept in the database: a batch's actions and the new position are written
 * in one statement, nothing is skipped when the process stops, and of several processes one
 * writes a batch while the others find the position moved and read again.
 */
@Injectable()
export class PushEvaluator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower: StreamFollower;

  constructor(
    private readonly transactions: Transactions,
    private readonly evaluation: PushEvaluationRepository,
    private readonly actions: PushActionsRepository,
    private readonly batches: PushBatchEvaluator,
    private readonly delivery: PushDeliveryQueue,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.follower = new StreamFollower(notifier, logger, {
      stream: EVENTS_STREAM,
      idleWaitMs: IDLE_WAIT_MS,
      errorPauseMs: ERROR_PAUSE_MS,
      what: 'push: evaluating new events',
    });
  }

  onApplicationBootstrap(): void {
    this.follower.start(() => this.evaluateOnce());
  }

  /** Before the database closes: a batch in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  /**
   * Evaluates the next batch. The reads happen before the write, which stores the batch only if
   * the position is still where the batch started. True when there may be more to do.
   */
  private async evaluateOnce(): Promise<boolean> {
    const { from, events } = await this.evaluation.eventsAfterPosition(this.transactions.reader, BATCH);
    if (events.length === 0) {
      await this.notifier.publish(PUSH_ACTIONS_STREAM, from);
      return false;
    }
    const batch = await this.batches.evaluate(events);
    const to = events[events.length - 1].streamOrdering;
    const written = await this.actions.storeBatch(this.transactions.reader, {
      actions: batch.actions,
      redacted: batch.redacted,
      floors: batch.floors,
      move: { from, to },
    });
    if (!written) return true;
    await this.notifier.publish(PUSH_ACTIONS_STREAM, to);
    await this.delivery.enqueue(batch.deliveries);
    await this.batches.copyRulesToUpgrades(batch.upgradeJoins);
    return events.length === BATCH;
  }
}
