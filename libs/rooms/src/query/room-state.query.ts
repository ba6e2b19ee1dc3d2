import { Injectable } from '@nestjs/common';
import {
  IdentifiedPdu,
  MatrixError,
  RoomVersion,
  roomVersion,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import {
  CurrentStateRepository,
  EventsRepository,
  MembershipRow,
  MembershipsRepository,
  Queryable,
  RoomsRepository,
  StateSnapshotsRepository,
  Transactions,
} from '@switchboard/storage';
import { EventCache } from './event-cache';

/** Reads of room state: current, at an event, and memberships. */
@Injectable()
export class RoomStateQuery {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly currentState: CurrentStateRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly cache: EventCache,
  ) {}

  private get q(): Queryable {
    return this.transactions.reader;
  }

  /** The room's version, or M_NOT_FOUND for a room this server does not know. */
  async version(roomId: string): Promise<RoomVersion> {
    const room = await this.rooms.get(this.q, roomId);
    const version = room && roomVersion(room.roomVersion);
    if (!version) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
    return version;
  }

  async exists(roomId: string): Promise<boolean> {
    return (await this.rooms.get(this.q, roomId)) !== null;
  }

  /** `q`: a transaction that must see its own writes (the embedded database has one connection). */
  async current(roomId: string, q: Queryable = this.q): Promise<StateMap<IdentifiedPdu>> {
    const entries = await this.currentState.all(q, roomId);
    return this.cache.stateEvents(
      q,
      entries.map((e) => [stateKey(e.type, e.stateKey), e.eventId] as const),
    );
  }

  async currentEvent(roomId: string, type: string, key: string): Promise<IdentifiedPdu | undefined> {
    const eventId = await this.currentState.get(this.q, roomId, type, key);
    return eventId ? (await this.cache.getMany(this.q, [eventId])).get(eventId) : undefined;
  }

  /** The state after an event: the snapshot before it, plus the event itself when it is state. */
  async afterEvent(eventId: string): Promise<StateMap<IdentifiedPdu>> {
    const row = await this.events.get(this.q, eventId);
    if (!row) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown event');
    const ids = new Map(
      row.snapshotBefore === null ? [] : await this.snapshots.load(this.q, row.snapshotBefore),
    );
    if (row.stateKey !== null) ids.set(stateKey(row.type, row.stateKey), row.eventId);
    return this.cache.stateEvents(this.q, ids);
  }

  async membership(roomId: string, userId: string): Promise<MembershipRow | null> {
    return this.memberships.get(this.q, roomId, userId);
  }
}
