import { Inject, Injectable, Optional } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { serverNameOf } from '@switchboard/protocol';
import { REMOTE_HISTORY, RemoteHistory, RoomInput } from '@switchboard/rooms';
import {
  EventGraphRepository,
  FederationOutboxRepository,
  RoomsRepository,
  Transactions,
} from '@switchboard/storage';

/** The room's oldest timeline events looked at for a gap, and the gaps asked about at once. */
const EXTREMITY_WINDOW = 20;
const MAX_FROM_EVENTS = 5;
/** Bounded effort per /messages request: servers asked, events asked for, time per request. */
const MAX_SERVERS = 2;
const MIN_EVENTS = 20;
const MAX_EVENTS = 100;
const TIMEOUT_MS = 10_000;
/** How long a /messages request waits for a backfill; a slower one still lands for later pages. */
const WAIT_MS = 15_000;

/**
 * Fetches a room's older history from another server in the room when a client pages back past
 * what is stored (server-server-api "Backfilling and retrieving missing events"): from the
 * room's backward extremities, through the room server's input pipeline as backfill. Never
 * throws: without it the page is just shorter.
 */
@Injectable()
export class HistoryBackfill {
  /** One backfill per room at a time; concurrent pages of the same room wait for it. */
  private readonly running = new Map<string, Promise<boolean>>();

  constructor(
    private readonly transactions: Transactions,
    private readonly graph: EventGraphRepository,
    private readonly outbox: FederationOutboxRepository,
    private readonly rooms: RoomsRepository,
    private readonly input: RoomInput,
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    // Provided by libs/federation; without it (federation off) there is no one to ask.
    @Optional() @Inject(REMOTE_HISTORY) private readonly remote?: RemoteHistory,
  ) {}

  /** True when older events were stored in time, so that the page is worth reading again. */
  async fill(roomId: string, wanted: number): Promise<boolean> {
    if (!this.remote || !this.config.federation.enabled) return false;
    let run = this.running.get(roomId);
    if (!run) {
      run = this.run(this.remote, roomId, wanted)
        .catch((err: unknown) => {
          this.logger.warn({ err, room_id: roomId }, 'backfill failed');
          return false;
        })
        .finally(() => this.running.delete(roomId));
      this.running.set(roomId, run);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), WAIT_MS);
    });
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(remote: RemoteHistory, roomId: string, wanted: number): Promise<boolean> {
    const reader = this.transactions.reader;
    const from = await this.graph.backwardExtremities(reader, roomId, EXTREMITY_WINDOW);
    if (from.length === 0) return false;
    const servers = await this.serversToAsk(roomId);
    const limit = Math.min(MAX_EVENTS, Math.max(MIN_EVENTS, wanted));
    for (const server of servers.slice(0, MAX_SERVERS)) {
      try {
        const pdus = await remote.backfill(server, roomId, from.slice(0, MAX_FROM_EVENTS), limit, TIMEOUT_MS);
        // The pipeline drops what is not of this room (a v12 create event names no room_id).
        const results = await this.input.input(
          pdus.map((pdu) => ({ kind: 'backfill' as const, roomId, pdu, origin: server })),
        );
        if (results.some((r) => r.outcome === 'accepted')) return true;
      } catch (err) {
        this.logger.info({ err, room_id: roomId, destination: server }, 'backfill from a server failed');
      }
    }
    return false;
  }

  /**
   * "a homeserver that it thinks may have more (most likely this should be a homeserver for some
   * of the existing users in the room at the earliest point in history it has currently)": the
   * other servers with members joined now, the room creator's first, as the one most likely to
   * hold the history from the start.
   */
  private async serversToAsk(roomId: string): Promise<string[]> {
    const reader = this.transactions.reader;
    const [joined, room] = await Promise.all([
      this.outbox.joinedServers(reader, roomId),
      this.rooms.get(reader, roomId),
    ]);
    const others = joined.filter((s) => s !== this.config.server_name).sort();
    const creatorServer = room ? serverNameOf(room.creator) : undefined;
    return creatorServer && others.includes(creatorServer)
      ? [creatorServer, ...others.filter((s) => s !== creatorServer)]
      : others;
  }
}
