import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  EventReference,
  IdentifiedPdu,
  MatrixError,
  Pdu,
  redact,
  roomVersion,
  RoomVersion,
  StateMap,
} from '@switchboard/protocol';
import { EventCache, RoomStateQuery } from '@switchboard/rooms';
import {
  EventRow,
  EventsRepository,
  RoomsRepository,
  StateSnapshotsRepository,
  Transactions,
} from '@switchboard/storage';
import { aclAllows } from '../inbound/room-acl';
import { serverIsJoined } from '../inbound/server-is-joined';
import { serverCanSeeEvent } from './server-visibility';

export function referencedIds(refs: readonly EventReference[]): string[] {
  return refs.map((ref) => (typeof ref === 'string' ? ref : ref[0]));
}

/**
 * What the read endpoints of server-server-api share: the requesting server must be in the room
 * ("Host not in room" otherwise), events are served as the PDUs we store, redacted when the
 * redaction applies or history visibility hides them from that server.
 */
@Injectable()
export class EventServing {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly cache: EventCache,
    private readonly state: RoomStateQuery,
  ) {}

  get serverName(): string {
    return this.config.server_name;
  }

  /**
   * The room's version; 403 when `origin` has no user joined to it now (or we do not know it) or
   * the room's server ACL denies it.
   */
  async requireServerInRoom(origin: string, roomId: string): Promise<RoomVersion> {
    const room = await this.rooms.get(this.transactions.reader, roomId);
    const version = room && roomVersion(room.roomVersion);
    const state = version ? await this.state.current(roomId) : new Map();
    if (!version || !serverIsJoined(state, origin))
      throw new MatrixError('M_FORBIDDEN', 403, 'Host not in room.');
    if (!aclAllows(state, origin))
      throw new MatrixError('M_FORBIDDEN', 403, 'Server is banned from the room');
    return version;
  }

  /** A stored, not rejected, event of the room; 404 otherwise. */
  async eventInRoom(roomId: string, eventId: string): Promise<EventRow> {
    const row = await this.events.get(this.transactions.reader, eventId);
    if (!row || row.roomId !== roomId || row.rejectedReason !== null) {
      throw new MatrixError('M_NOT_FOUND', 404, `Event ${eventId} not found in room ${roomId}`);
    }
    return row;
  }

  async event(eventId: string): Promise<EventRow | null> {
    const row = await this.events.get(this.transactions.reader, eventId);
    return row && row.rejectedReason === null ? row : null;
  }

  async rows(eventIds: readonly string[]): Promise<Map<string, EventRow>> {
    return this.events.getMany(this.transactions.reader, eventIds);
  }

  /** The state IDs before an event; 404 when we do not know it (an outlier). */
  async stateIdsBefore(row: EventRow): Promise<StateMap<string>> {
    if (row.snapshotBefore === null) {
      throw new MatrixError('M_NOT_FOUND', 404, `The state at ${row.eventId} is not known here`);
    }
    return this.snapshots.load(this.transactions.reader, row.snapshotBefore);
  }

  /** The auth chain of some events (their auth events, recursively), without the events themselves. */
  async authChainIds(startIds: readonly string[]): Promise<string[]> {
    const seen = new Set<string>();
    let frontier = [...startIds];
    while (frontier.length > 0) {
      const loaded = await this.cache.getMany(this.transactions.reader, frontier);
      const next: string[] = [];
      for (const event of loaded.values()) {
        for (const id of referencedIds(event.pdu.auth_events)) {
          if (!seen.has(id)) {
            seen.add(id);
            next.push(id);
          }
        }
      }
      frontier = next;
    }
    return [...seen];
  }

  async pdus(eventIds: readonly string[]): Promise<Map<string, IdentifiedPdu>> {
    return this.cache.getMany(this.transactions.reader, eventIds);
  }

  /**
   * Events as `origin` may receive them, in the given order: redacted where a redaction applies or
   * the server could not see the event at that point.
   */
  async forServer(origin: string, version: RoomVersion, rows: readonly EventRow[]): Promise<Pdu[]> {
    const out: Pdu[] = [];
    for (const row of rows) {
      const visible = await this.visibleTo(origin, row);
      out.push(row.redactedBy !== null || !visible ? redact(row.pdu, version) : row.pdu);
    }
    return out;
  }

  private async visibleTo(origin: string, row: EventRow): Promise<boolean> {
    const snapshot = row.snapshotAfter ?? row.snapshotBefore;
    if (snapshot === null) return true;
    const ids = await this.snapshots.load(this.transactions.reader, snapshot);
    return serverCanSeeEvent(await this.cache.stateEvents(this.transactions.reader, ids), origin);
  }
}
