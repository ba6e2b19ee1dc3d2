import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { NOTIFIER, Notifier, StreamFollower } from '@switchboard/queue';
import { PushEvaluationRepository, ReceiptsRepository, Transactions } from '@switchboard/storage';
import { RECEIPTS_STREAM } from '../receipts/receipts.service';
import { PushDeliveryQueue } from './push-delivery.queue';

const IDLE_WAIT_MS = 30_000;
const ERROR_PAUSE_MS = 5_000;

/**
 * A read receipt lowers the user's unread count, so their pushers get the new badge ("The counts
 * may be sent along with a notification about an event or by themselves"). Follows the receipts
 * stream from where it was when the process started: a badge missed across a restart is
 * corrected by the next push. Updates are idempotent, so several processes may each send them.
 */
@Injectable()
export class BadgeUpdater implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower: StreamFollower;
  /** The receipts stream position already looked at. */
  private at?: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly receipts: ReceiptsRepository,
    private readonly evaluation: PushEvaluationRepository,
    private readonly delivery: PushDeliveryQueue,
    @Inject(NOTIFIER) notifier: Notifier,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.follower = new StreamFollower(notifier, logger, {
      stream: RECEIPTS_STREAM,
      idleWaitMs: IDLE_WAIT_MS,
      errorPauseMs: ERROR_PAUSE_MS,
      what: 'push: badge updates',
    });
  }

  onApplicationBootstrap(): void {
    this.follower.start(() => this.updateOnce());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  /** Badges for the readers whose receipts arrived since the last look. */
  private async updateOnce(): Promise<boolean> {
    this.at ??= await this.receipts.maxStreamId(this.transactions.reader);
    const to = await this.receipts.maxStreamId(this.transactions.reader);
    if (to > this.at) {
      await this.delivery.enqueueBadges(
        await this.evaluation.readersWithHttpPushers(this.transactions.reader, this.at, to),
      );
      this.at = to;
    }
    return false;
  }
}
