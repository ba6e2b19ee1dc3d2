import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER, Logger } from '@switchboard/observability';
import { NOTIFIER, Notifier, StreamFollower } from '@switchboard/queue';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { AppserviceOutboxEntry, AppserviceOutboxRepository, Transactions } from '@switchboard/storage';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { AppserviceSender } from './appservice-sender.service';
import { EventInterest } from './event-interest';

const SCAN_BATCH = 200;
/** A missed wake-up costs at most this long (notifier.port.ts: wake-ups may be lost). */
const IDLE_WAIT_MS = 10_000;
const ERROR_PAUSE_MS = 5_000;
/** With no service to push to, the stored position follows the events table this often at most. */
const IDLE_POSITION_MS = 5_000;

/**
 * The appservice outbox's producer (ARCHITECTURE.md step 5): reads new events by stream ordering
 * past the position it keeps in the database, and adds one outbox row per (interested service,
 * event) in the transaction that moves the position, so each event reaches each service once
 * whatever stops when. A registration without a url receives nothing ("Registration": url "null
 * if the application service does not need to receive events").
 */
@Injectable()
export class AppserviceEventFanout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly follower: StreamFollower;
  private readonly interest: EventInterest;
  private idleSince = 0;

  constructor(
    @Inject(CONFIG) config: SwitchboardConfig,
    private readonly registry: AppserviceRegistry,
    private readonly transactions: Transactions,
    private readonly outbox: AppserviceOutboxRepository,
    private readonly sender: AppserviceSender,
    @Inject(NOTIFIER) notifier: Notifier,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.interest = new EventInterest(config.server_name, (q, roomId) =>
      this.outbox.roomFacts(q, roomId, config.server_name),
    );
    this.follower = new StreamFollower(notifier, logger, {
      stream: EVENTS_STREAM,
      idleWaitMs: IDLE_WAIT_MS,
      errorPauseMs: ERROR_PAUSE_MS,
      what: 'appservice: handing over new events',
    });
  }

  onApplicationBootstrap(): void {
    this.follower.start(() => this.step());
  }

  /** Before the database closes: a step in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  /** Hands over one batch of new events; true when the batch was full. */
  private async step(): Promise<boolean> {
    const all = this.registry.all();
    if (!all.some((s) => s.registration.url !== null)) {
      await this.followIdly();
      return false;
    }
    const { touched, full } = await this.transactions.run(async (tx) => {
      const events = await this.outbox.lockAndReadNewEvents(tx, SCAN_BATCH);
      if (events.length === 0) return { touched: [], full: false };
      const entries: AppserviceOutboxEntry[] = [];
      for (const event of events) {
        for (const service of await this.interest.of(tx, event, all)) {
          if (service.registration.url !== null)
            entries.push({ appserviceId: service.id, eventId: event.eventId });
        }
      }
      await this.outbox.add(tx, entries);
      await this.outbox.setPosition(tx, events[events.length - 1].streamOrdering);
      return {
        touched: [...new Set(entries.map((e) => e.appserviceId))],
        full: events.length === SCAN_BATCH,
      };
    });
    for (const id of touched) this.sender.wake(id);
    return full;
  }

  /**
   * Nobody to push to: what the events table gains meanwhile is nobody's, and a service added
   * later starts from about now rather than from the day the last one went.
   */
  private async followIdly(): Promise<void> {
    const now = Date.now();
    if (now - this.idleSince < IDLE_POSITION_MS) return;
    this.idleSince = now;
    await this.transactions.run(async (tx) =>
      this.outbox.setPosition(tx, await this.outbox.latestStreamOrdering(tx)),
    );
  }
}
