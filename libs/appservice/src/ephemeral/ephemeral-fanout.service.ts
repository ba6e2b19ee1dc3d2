import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, Logger } from '@switchboard/observability';
import { NOTIFIER, Notifier, StreamFollower } from '@switchboard/queue';
import {
  AppserviceEphemeralRepository,
  AppserviceOutboxRepository,
  Transactions,
} from '@switchboard/storage';
import { AppserviceSender } from '../delivery/appservice-sender.service';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { AppserviceInterestFactory } from './appservice-interest.factory';
import { DeviceListsSource } from './device-lists.source';
import { EphemeralSource } from './ephemeral-source';
import { PresenceSource } from './presence.source';
import { ReceiptsSource } from './receipts.source';
import { ToDeviceSource } from './to-device.source';

const BATCH = 100;
/** A missed wake-up costs at most this long (notifier.port.ts: wake-ups may be lost). */
const IDLE_WAIT_MS = 10_000;
const ERROR_PAUSE_MS = 5_000;

/**
 * Hands receipts, presence, send-to-device messages and device-list changes to the application
 * services they concern (MSC2409, MSC4203, MSC3202), through the appservice outbox. One loop per
 * stream reads past the position it keeps in the database, and writes the outbox rows and the new
 * position in one transaction: each item reaches each service exactly once, whatever stops when.
 * The position's row lock keeps two processes from handing over the same items.
 */
@Injectable()
export class EphemeralFanout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loops: { source: EphemeralSource<{ streamId: number }>; follower: StreamFollower }[];

  constructor(
    private readonly registry: AppserviceRegistry,
    private readonly transactions: Transactions,
    private readonly positions: AppserviceEphemeralRepository,
    private readonly outbox: AppserviceOutboxRepository,
    private readonly interests: AppserviceInterestFactory,
    private readonly sender: AppserviceSender,
    receipts: ReceiptsSource,
    presence: PresenceSource,
    toDevice: ToDeviceSource,
    deviceLists: DeviceListsSource,
    @Inject(NOTIFIER) notifier: Notifier,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.loops = [receipts, presence, toDevice, deviceLists].map((source) => ({
      source,
      follower: new StreamFollower(notifier, logger, {
        stream: source.stream,
        idleWaitMs: IDLE_WAIT_MS,
        errorPauseMs: ERROR_PAUSE_MS,
        what: `appservice ephemeral: handing over ${source.stream}`,
      }),
    }));
  }

  onApplicationBootstrap(): void {
    for (const { source, follower } of this.loops) follower.start(() => this.step(source));
  }

  /** Before the database closes: a step in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map(({ follower }) => follower.stop()));
  }

  /** Hands over one batch of the source; true when the batch was full. */
  private async step(source: EphemeralSource<{ streamId: number }>): Promise<boolean> {
    const { touched, full } = await this.transactions.run(async (tx) => {
      const after = await this.positions.lockPosition(tx, source.stream, () => source.current(tx));
      const services = this.registry.all().filter((s) => s.registration.url !== null && source.wants(s));
      if (services.length === 0) {
        // Nobody takes this stream: what it gained meanwhile is nobody's to hand over later.
        const current = await source.current(tx);
        if (current > after) await this.positions.setPosition(tx, source.stream, current);
        return { touched: [], full: false };
      }
      const rows = await source.read(tx, after, BATCH);
      if (rows.length === 0) return { touched: [], full: false };
      const entries = await source.entries(rows, this.interests.of(tx, services));
      await this.outbox.add(tx, entries);
      await this.positions.setPosition(tx, source.stream, rows[rows.length - 1].streamId);
      return { touched: [...new Set(entries.map((e) => e.appserviceId))], full: rows.length === BATCH };
    });
    for (const appserviceId of touched) this.sender.wake(appserviceId);
    return full;
  }
}
