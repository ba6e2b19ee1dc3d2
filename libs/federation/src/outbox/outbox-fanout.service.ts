import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { NOTIFIER, Notifier, StreamFollower } from '@switchboard/queue';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { tryServerNameOf } from '@switchboard/protocol';
import {
  FederationOutboxRepository,
  OutboxEntry,
  OutgoingEventRow,
  PresenceRepository,
  Queryable,
  Transactions,
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
  private readonly follower: StreamFollower;
  /** Scanned past with nothing to send, not yet stored as the position (see scanOnce). */
  private skippedTo = 0;

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly destinations: EventDestinations,
    private readonly presence: PresenceRepository,
    private readonly sender: DestinationSender,
    @Inject(NOTIFIER) notifier: Notifier,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.follower = new StreamFollower(notifier, logger, {
      stream: EVENTS_STREAM,
      idleWaitMs: IDLE_WAIT_MS,
      errorPauseMs: ERROR_PAUSE_MS,
      what: 'outbox: scanning new events',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.federation.enabled) this.follower.start(() => this.scanOnce());
  }

  /** Before the database closes: a scan in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  /**
   * Users who come to share a room learn each other's presence (SyTest "New federated private
   * chats get full presence information"): our user's join sends its presence to the servers
   * in the room; another server's user's join sends it the presence of our users there.
   */
  private async presenceOnJoin(
    tx: Queryable,
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

  /**
   * Moves one batch of new events into the outbox; true when the batch was full. Most batches
   * reach no other server (rooms of local users only): those are only read, without a transaction
   * or lock, and the position moves in memory until a batch with something to send stores it.
   * Rescanning them after a restart finds nothing to send again: destinations come from the state
   * at each event.
   */
  private async scanOnce(): Promise<boolean> {
    const ourName = this.config.server_name;
    const reader = this.transactions.reader;
    const peeked = await this.outbox.peekNewEvents(reader, SCAN_BATCH, ourName, this.skippedTo);
    if (peeked.length === 0) return false;
    if ((await this.entriesFor(reader, peeked)).length === 0) {
      this.skippedTo = peeked[peeked.length - 1].streamOrdering;
      return peeked.length === SCAN_BATCH;
    }
    const { touched, full } = await this.transactions.run(async (tx) => {
      const events = await this.outbox.lockAndReadNewEvents(tx, SCAN_BATCH, ourName, this.skippedTo);
      const entries = await this.entriesFor(tx, events);
      await this.outbox.add(tx, entries);
      if (events.length > 0) await this.outbox.setPosition(tx, events[events.length - 1].streamOrdering);
      return { touched: new Set(entries.map((e) => e.destination)), full: events.length === SCAN_BATCH };
    });
    for (const destination of touched) this.sender.wake(destination);
    return full;
  }

  /** What the events put in the outbox: each local event for its destinations, presence on joins. */
  private async entriesFor(q: Queryable, events: readonly OutgoingEventRow[]): Promise<OutboxEntry[]> {
    const ourName = this.config.server_name;
    const entries: OutboxEntry[] = [];
    for (const event of events) {
      const local = tryServerNameOf(event.sender) === ourName || redeemsForOurUser(event, ourName);
      const destinations = local ? await this.destinations.of(q, ourName, event) : [];
      for (const destination of destinations) entries.push({ destination, eventId: event.eventId });
      if (event.membership === 'join') entries.push(...(await this.presenceOnJoin(q, event, destinations)));
    }
    return entries;
  }
}

/** One EDU per (destination, user) whose presence is known; nothing for a user never seen. */
async function presenceFor(
  presence: PresenceRepository,
  tx: Queryable,
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

/**
 * A third-party invite redeemed for one of our users is built here although its sender is the
 * inviter of another server (server-server-api "Third-party invites"): we send it on its behalf.
 */
function redeemsForOurUser(event: OutgoingEventRow, ourName: string): boolean {
  return (
    event.thirdPartyInvite && event.membership === 'invite' && tryServerNameOf(event.stateKey) === ourName
  );
}
