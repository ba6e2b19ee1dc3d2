import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { tryServerNameOf } from '@switchboard/protocol';
import {
  FederationOutboxRepository,
  OutboxEntry,
  OutgoingEventRow,
  PresenceRepository,
  Transactions,
  Tx,
} from '@switchboard/storage';
import { presenceEdu } from '../edu/presence-edu';
import { DestinationSender } from './destination-sender.service';
import { EventDestinations } from './event-destinations';

const SCAN_BATCH = 100;
/** A missed wake-up costs at most this long (notifier.port.ts: wake-ups may be lost). */
const IDLE_WAIT_MS = 10_000;
const ERROR_PAUSE_MS = 5_000;

/**
 * The outbox's producer (ARCHITECTURE.md "Outboxes"): reads the events of local users from the
 * events table by stream ordering, past the position it keeps in the database, and adds one
 * outbox row per destination in the same transaction that moves the position. Nothing is lost
 * when the process stops between an event's commit and its sending; the room server needs no
 * hook for it.
 */
@Injectable()
export class OutboxFanout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly stop = new AbortController();
  private loop?: Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly destinations: EventDestinations,
    private readonly presence: PresenceRepository,
    private readonly sender: DestinationSender,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.federation.enabled) return;
    this.loop = this.run();
  }

  /** Before the database closes: a scan in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stop.signal.aborted) {
      try {
        const seen = await this.notifier.latest(EVENTS_STREAM);
        while (!this.stop.signal.aborted && (await this.scanOnce())) {
          // A full batch: there may be more.
        }
        await this.notifier.waitFor(EVENTS_STREAM, seen, IDLE_WAIT_MS, this.stop.signal);
      } catch (err) {
        if (this.stop.signal.aborted) return;
        this.logger.error({ err }, 'outbox: scanning new events failed');
        await sleep(ERROR_PAUSE_MS, this.stop.signal);
      }
    }
  }

  /**
   * Users who come to share a room learn each other's presence (SyTest "New federated private
   * chats get full presence information"): our user's join sends its presence to the servers
   * in the room; another server's user's join sends it the presence of our users there.
   */
  private async presenceOnJoin(
    tx: Tx,
    join: OutgoingEventRow,
    destinations: string[],
  ): Promise<OutboxEntry[]> {
    const ourName = this.config.server_name;
    const joiner = join.stateKey === null ? undefined : tryServerNameOf(join.stateKey);
    if (!joiner) return [];
    if (joiner === ourName) return presenceFor(this.presence, tx, destinations, [join.stateKey!]);
    const ours = await this.outbox.joinedUsersOf(tx, join.roomId, ourName);
    return presenceFor(this.presence, tx, [joiner], ours);
  }

  /** Moves one batch of new events into the outbox; true when the batch was full. */
  private async scanOnce(): Promise<boolean> {
    const ourName = this.config.server_name;
    const { touched, full } = await this.transactions.run(async (tx) => {
      const events = await this.outbox.lockAndReadNewEvents(tx, SCAN_BATCH, ourName);
      const entries: OutboxEntry[] = [];
      for (const event of events) {
        const local = tryServerNameOf(event.sender) === ourName || redeemsForOurUser(event, ourName);
        const destinations = local ? await this.destinations.of(tx, ourName, event) : [];
        for (const destination of destinations) entries.push({ destination, eventId: event.eventId });
        if (event.membership === 'join')
          entries.push(...(await this.presenceOnJoin(tx, event, destinations)));
      }
      await this.outbox.add(tx, entries);
      if (events.length > 0) await this.outbox.setPosition(tx, events[events.length - 1].streamOrdering);
      return { touched: new Set(entries.map((e) => e.destination)), full: events.length === SCAN_BATCH };
    });
    for (const destination of touched) this.sender.wake(destination);
    return full;
  }
}

/** One EDU per (destination, user) whose presence is known; nothing for a user never seen. */
async function presenceFor(
  presence: PresenceRepository,
  tx: Tx,
  destinations: readonly string[],
  userIds: readonly string[],
): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  for (const userId of userIds) {
    const row = await presence.get(tx, userId);
    if (!row) continue;
    const edu = presenceEdu({
      userId,
      presence: row.presence,
      statusMsg: row.statusMsg,
      lastActiveAgo: Math.max(0, Date.now() - row.lastActiveTs),
      currentlyActive: row.presence === 'online',
    });
    for (const destination of destinations) entries.push({ destination, edu });
  }
  return entries;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * A third-party invite redeemed for one of our users is built here although its sender is the
 * inviter of another server (server-server-api "Third-party invites"): we send it on its behalf.
 */
function redeemsForOurUser(event: OutgoingEventRow, ourName: string): boolean {
  return (
    event.thirdPartyInvite && event.membership === 'invite' && tryServerNameOf(event.stateKey) === ourName
  );
}
