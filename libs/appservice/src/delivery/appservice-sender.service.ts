import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, Logger } from '@switchboard/observability';
import { Job, JOB_QUEUE, JobQueue } from '@switchboard/queue';
import { ClientEvents } from '@switchboard/rooms';
import {
  AppserviceBatch,
  AppserviceOutboxRepository,
  EventsRepository,
  Transactions,
} from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { AppserviceClient } from '../transport/appservice-client';
import { transactionBody } from './transaction-body';

const QUEUE = 'appservice.flush';
/** "up to 100 events" per transaction, as Synapse sends; ephemeral entries have their own 100. */
const MAX_EVENTS_PER_TRANSACTION = 100;
const MAX_EPHEMERAL_PER_TRANSACTION = 100;
/** After a failed transaction the service waits this long, doubling per further failure, up to the cap. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const SWEEP_INTERVAL_MS = 60_000;

interface FlushJob {
  appserviceId: string;
}

interface ServiceState {
  /** Bumped when a flush starts, so a wake from then on queues a flush behind it. */
  generation: number;
  /** 0 while the service answers. */
  backoffMs: number;
  /** Set while waiting out a backoff: wakes wait for it, a ping or a success ends it. */
  retry?: NodeJS.Timeout;
}

/**
 * Sends each application service its outbox as ordered transactions (application-service-api
 * "Pushing events"), one transaction in flight per service. A flush is a job of the job queue,
 * keyed by the service, so flushes of one service run one at a time across processes. The batch
 * and its transaction ID are stored when first formed, so a retry (after a failure, a crash or a
 * restart) sends the same events under the same ID, and an ID is never reused for another batch.
 *
 * A failed transaction is retried after an exponential backoff kept here rather than by the queue:
 * queue retries would hold back every later flush of the service's key, so a service that comes
 * back (a successful ping) could not be flushed at once. The outbox in Postgres is the truth: on
 * boot, and every minute after, every service with pending rows is woken (see sweep).
 */
@Injectable()
export class AppserviceSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly services = new Map<string, ServiceState>();
  private stopped = false;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly registry: AppserviceRegistry,
    private readonly transactions: Transactions,
    private readonly outbox: AppserviceOutboxRepository,
    private readonly events: EventsRepository,
    private readonly clientEvents: ClientEvents,
    private readonly client: AppserviceClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // run() never throws: it schedules its own retry. What the queue adds is the per-service order
    // and running a job again whose process died mid-run.
    this.queue.define<FlushJob>(QUEUE, (job) => this.run(job), {
      concurrency: 8,
      attempts: 1,
      backoff: { baseMs: FIRST_BACKOFF_MS, maxMs: MAX_BACKOFF_MS },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.start();
    await this.sweep();
    this.sweeper = setInterval(() => {
      this.sweep().catch((err: unknown) =>
        this.logger.error({ err }, 'appservice: looking for pending transactions failed'),
      );
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const state of this.services.values()) clearTimeout(state.retry);
  }

  /** Schedules a flush of the service's outbox; a service waiting out a backoff keeps waiting. */
  wake(appserviceId: string): void {
    if (this.stopped || !this.sendsTo(appserviceId)) return;
    const state = this.state(appserviceId);
    if (state.retry) return;
    this.queue
      .enqueue<FlushJob>(
        QUEUE,
        { appserviceId },
        { jobId: `flush ${appserviceId} ${state.generation}`, key: appserviceId },
      )
      .catch((err: unknown) => {
        this.logger.error({ err, appservice_id: appserviceId }, 'appservice: enqueueing a flush failed');
        this.scheduleRetry(appserviceId, state);
      });
  }

  /**
   * Wakes every service with something in its outbox: at boot, and now and then after, as a
   * flush job lost with the queue's store (Redis restarted empty) would otherwise leave its
   * service waiting for the next event.
   */
  private async sweep(): Promise<void> {
    const ids = this.registry
      .all()
      .filter((s) => s.registration.url !== null)
      .map((s) => s.id);
    for (const id of await this.outbox.servicesWithPending(this.transactions.reader, ids)) this.wake(id);
  }

  /** The service answered (a ping): forget its backoff and flush now. */
  up(appserviceId: string): void {
    const state = this.services.get(appserviceId);
    if (state) {
      clearTimeout(state.retry);
      state.retry = undefined;
      state.backoffMs = 0;
    }
    this.wake(appserviceId);
  }

  private sendsTo(appserviceId: string): Appservice | undefined {
    const service = this.registry.byId(appserviceId);
    return service?.registration.url ? service : undefined;
  }

  private state(appserviceId: string): ServiceState {
    let state = this.services.get(appserviceId);
    if (!state) {
      state = { generation: 0, backoffMs: 0 };
      this.services.set(appserviceId, state);
    }
    return state;
  }

  private async run(job: Job<FlushJob>): Promise<void> {
    const id = job.data.appserviceId;
    const state = this.state(id);
    state.generation++;
    try {
      for (;;) {
        const service = this.sendsTo(id);
        if (this.stopped || state.retry || !service) return;
        const batch = await this.transactions.run((tx) =>
          this.outbox.nextBatch(tx, id, MAX_EVENTS_PER_TRANSACTION, MAX_EPHEMERAL_PER_TRANSACTION),
        );
        if (!batch) return;
        if (!(await this.send(service, batch))) {
          this.scheduleRetry(id, state);
          return;
        }
        state.backoffMs = 0;
      }
    } catch (err) {
      this.logger.error({ err, appservice_id: id }, 'appservice: flushing the outbox failed');
      this.scheduleRetry(id, state);
    }
  }

  /** True when the service took the transaction. */
  private async send(service: Appservice, batch: AppserviceBatch): Promise<boolean> {
    const rows = await this.events.getMany(this.transactions.reader, batch.eventIds);
    const ordered = batch.eventIds.map((id) => rows.get(id)).filter((r) => r !== undefined);
    const body = transactionBody(await this.clientEvents.serialize(ordered), batch);
    try {
      await this.client.request(service, {
        method: 'PUT',
        path: `/transactions/${encodeURIComponent(batch.txnId)}`,
        body,
      });
    } catch (err) {
      this.logger.warn(
        { err, appservice_id: service.id, txn_id: batch.txnId },
        'appservice: transaction failed',
      );
      return false;
    }
    await this.outbox.remove(this.transactions.reader, service.id, batch.txnId);
    return true;
  }

  private scheduleRetry(appserviceId: string, state: ServiceState): void {
    if (this.stopped) return;
    state.backoffMs = Math.min(
      MAX_BACKOFF_MS,
      state.backoffMs === 0 ? FIRST_BACKOFF_MS : state.backoffMs * 2,
    );
    clearTimeout(state.retry);
    state.retry = setTimeout(() => {
      state.retry = undefined;
      this.wake(appserviceId);
    }, state.backoffMs);
    state.retry.unref();
  }
}
