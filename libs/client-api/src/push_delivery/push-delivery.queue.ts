import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { PushAction } from '@switchboard/protocol';
import { LOGGER } from '@switchboard/observability';
import { Job, JOB_QUEUE, JobQueue } from '@switchboard/queue';
import { PushActionsRepository, PushersRepository, PusherRow, Transactions } from '@switchboard/storage';
import { notifyBody } from './notify-request';
import { GatewayRefused, PushGatewayClient } from './push-gateway.client';
import { PushDelivery } from './push-batch.evaluator';
import { PushedEventReader } from './pushed-event.reader';

const QUEUE = 'push.notify';

/** A push about an event, or (without eventId) a badge update after a read receipt. */
interface PushJob {
  userId: string;
  roomId?: string;
  eventId?: string;
  actions?: PushAction[];
}

/**
 * Delivery to HTTP pushers through the job queue: one job per (user, event), run in order per user,
 * retried with exponential backoff while the gateway is unreachable or answers 5xx. A retry
 * sends to every pusher of the user again; gateways "perform duplicate suppression for such
 * notifications using the `event_id` field".
 */
@Injectable()
export class PushDeliveryQueue implements OnApplicationBootstrap {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly transactions: Transactions,
    private readonly pushers: PushersRepository,
    private readonly actions: PushActionsRepository,
    private readonly events: PushedEventReader,
    private readonly gateway: PushGatewayClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue.define<PushJob>(QUEUE, (job) => this.run(job), {
      concurrency: 8,
      attempts: 6,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });
  }

  /**
   * This process consumes the queues it defines: the homeserver is the only process that has
   * this one (the worker app does not load the client-server API).
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.start();
  }

  /** Never throws: a push lost to a queue outage must not hold back push evaluation. */
  async enqueue(deliveries: readonly PushDelivery[]): Promise<void> {
    await this.add(
      deliveries.map((d) => ({
        data: { userId: d.userId, roomId: d.roomId, eventId: d.eventId, actions: d.actions as PushAction[] },
        jobId: `${d.userId} ${d.eventId}`,
      })),
    );
  }

  /** The user's badge changed without a new event (their read receipt moved). */
  async enqueueBadges(userIds: readonly string[]): Promise<void> {
    await this.add(userIds.map((userId) => ({ data: { userId } })));
  }

  private async add(jobs: { data: PushJob; jobId?: string }[]): Promise<void> {
    for (const { data, jobId } of jobs) {
      try {
        await this.queue.enqueue(QUEUE, data, { key: data.userId, ...(jobId ? { jobId } : {}) });
      } catch (err) {
        this.logger.error({ err, user_id: data.userId, event_id: data.eventId }, 'push: enqueue failed');
      }
    }
  }

  private async run(job: Job<PushJob>): Promise<void> {
    const { userId, roomId, eventId, actions = [] } = job.data;
    const pushers = (await this.pushers.forUser(this.transactions.reader, userId)).filter(
      (p) => p.kind === 'http',
    );
    if (pushers.length === 0) return;
    const event = eventId && roomId ? await this.events.read(userId, roomId, eventId) : null;
    // A redacted or vanished event is not pushed; its badge moved all the same.
    const unread = await this.actions.unreadTotal(this.transactions.reader, userId);
    let retry: unknown;
    for (const pusher of pushers) {
      try {
        await this.send(pusher, notifyBody(pusher, event, unread, event ? actions : []));
      } catch (err) {
        if (err instanceof GatewayRefused)
          this.logger.warn({ err, user_id: userId }, 'push: gateway refused');
        else retry = err;
      }
    }
    if (retry) throw retry;
  }

  private async send(pusher: PusherRow, body: ReturnType<typeof notifyBody>): Promise<void> {
    const url = pusher.data.url;
    if (typeof url !== 'string') return;
    const rejected = await this.gateway.notify(url, body);
    if (rejected.includes(pusher.pushkey)) {
      this.logger.info({ user_id: pusher.userId, app_id: pusher.appId }, 'push: gateway rejected a pushkey');
      await this.pushers.delete(this.transactions.reader, pusher.userId, pusher.appId, pusher.pushkey);
    }
  }
}
