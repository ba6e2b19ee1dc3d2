import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  authEventsNeeded,
  authorizeEvent,
  EventTemplate,
  IdentifiedPdu,
  MatrixError,
  RoomVersion,
  roomVersion,
  SigningKey,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import {
  CurrentStateRepository,
  EventGraphRepository,
  EventTxn,
  RoomRow,
  RoomsRepository,
  SIGNING_KEY,
  Tx,
} from '@switchboard/storage';
import { buildEvent } from '../build/build-event';
import { EventBatchWriter } from '../persist/event-batch.writer';
import { EventCache } from '../query/event-cache';

export interface Written {
  eventId: string;
  streamOrdering: number;
  event: IdentifiedPdu;
}

// Any constant distinct from the stream lock; combined with the room ID's hash below.
const ROOM_LOCK_SPACE = 0x5357_0002;

/**
 * Builds a local event on top of a room's forward extremities, authorises it against the current
 * state, and persists it (ARCHITECTURE.md steps 2 and 3) inside the caller's transaction: the
 * event, its edges, the state snapshot, current state, memberships and its stream position.
 * SendPerform batches sends: SendBatchBuilder and EventBatchWriter do the same for many events.
 */
@Injectable()
export class EventWriter {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly rooms: RoomsRepository,
    private readonly graph: EventGraphRepository,
    private readonly currentState: CurrentStateRepository,
    private readonly batchWriter: EventBatchWriter,
    private readonly cache: EventCache,
  ) {}

  /** Serialises writers of one room across processes until the transaction ends. */
  async lockRoom(tx: Tx, roomId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ROOM_LOCK_SPACE, roomId]);
  }

  /**
   * lockRoom for several rooms in one round trip, in the order of their lock keys, so that two
   * processes locking overlapping sets of rooms cannot deadlock.
   */
  async lockRooms(tx: Tx, roomIds: readonly string[]): Promise<void> {
    await tx.query(
      `SELECT pg_advisory_xact_lock($1, k)
       FROM (SELECT DISTINCT hashtext(r) AS k FROM unnest($2::text[]) AS r ORDER BY k) AS keys`,
      [ROOM_LOCK_SPACE, roomIds],
    );
  }

  async loadRoom(tx: Tx, roomId: string): Promise<{ room: RoomRow; version: RoomVersion }> {
    const room = await this.rooms.get(tx, roomId);
    if (!room) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
    return { room, version: versionOf(room) };
  }

  /** The current state entries an event built from `template` is authorised against. */
  async authStateFor(
    tx: Tx,
    room: RoomRow,
    version: RoomVersion,
    sender: string,
    template: EventTemplate,
  ): Promise<StateMap<IdentifiedPdu>> {
    const entries = await this.currentState.getMany(tx, room.roomId, authKeys(version, sender, template));
    return this.cache.stateEvents(
      tx,
      entries.map((e) => [stateKey(e.type, e.stateKey), e.eventId] as const),
    );
  }

  /**
   * Builds, authorises and persists one event; the room must be locked by the caller. A refused
   * event throws M_FORBIDDEN with the auth rule that refused it, and writes nothing.
   */
  async write(
    tx: Tx,
    room: RoomRow,
    version: RoomVersion,
    sender: string,
    template: EventTemplate,
    txn?: EventTxn,
  ): Promise<Written> {
    const prevIds = await this.graph.forwardExtremities(tx, room.roomId);
    const prevEvents = [...(await this.cache.getMany(tx, prevIds)).values()];
    const authState = await this.authStateFor(tx, room, version, sender, template);
    const event = this.buildAuthorised(version, room.roomId, sender, template, prevEvents, authState);
    const streamOrdering = await this.persist(tx, room, event, prevIds, txn);
    return { eventId: event.eventId, streamOrdering, event };
  }

  /**
   * Builds an event on `prevEvents` and authorises it against `authState` (the entries
   * authKeys() names); M_FORBIDDEN with the auth rule that refused it.
   */
  buildAuthorised(
    version: RoomVersion,
    roomId: string,
    sender: string,
    template: EventTemplate,
    prevEvents: readonly IdentifiedPdu[],
    authState: StateMap<IdentifiedPdu>,
  ): IdentifiedPdu {
    const event = buildEvent({
      version,
      roomId,
      sender,
      template,
      prevEvents,
      authState,
      serverName: this.config.server_name,
      key: this.key,
      now: Date.now(),
    });
    const verdict = authorizeEvent(version, event, authState);
    if (!verdict.allowed) throw new MatrixError('M_FORBIDDEN', 403, verdict.reason, { rule: verdict.rule });
    return event;
  }

  /** Persists an authorised event as the room's newest (used for the create event too). */
  async persist(
    tx: Tx,
    room: RoomRow,
    event: IdentifiedPdu,
    prevIds: readonly string[],
    txn?: EventTxn,
  ): Promise<number> {
    const { pdu } = event;
    const replacesState =
      pdu.state_key === undefined
        ? null
        : await this.currentState.get(tx, room.roomId, pdu.type, pdu.state_key);
    const [streamOrdering] = await this.batchWriter.write(tx, [{ room, event, prevIds, replacesState, txn }]);
    this.cache.remember(event);
    return streamOrdering;
  }
}

/** A room's version descriptor; M_UNSUPPORTED_ROOM_VERSION for one this server does not know. */
export function versionOf(room: RoomRow): RoomVersion {
  const version = roomVersion(room.roomVersion);
  if (!version)
    throw new MatrixError('M_UNSUPPORTED_ROOM_VERSION', 400, `Unsupported room version ${room.roomVersion}`);
  return version;
}

/** The state keys an event built from `template` is authorised against. */
export function authKeys(
  version: RoomVersion,
  sender: string,
  template: EventTemplate,
): { type: string; stateKey: string }[] {
  const keys = authEventsNeeded(version, {
    type: template.type,
    sender,
    state_key: template.stateKey,
    content: template.content,
  });
  // v12 no longer lists the create event among auth_events, but the rules still read it.
  if (!keys.some((k) => k.type === 'm.room.create')) keys.push({ type: 'm.room.create', stateKey: '' });
  return keys;
}
