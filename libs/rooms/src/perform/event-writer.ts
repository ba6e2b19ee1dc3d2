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
  EventsRepository,
  EventTxn,
  RoomRow,
  RoomsRepository,
  SIGNING_KEY,
  StateSnapshotsRepository,
  Tx,
} from '@switchboard/storage';
import { buildEvent } from '../build/build-event';
import { EventCache } from '../query/event-cache';
import { CurrentStateWriter, redactedTarget, referencedIds } from './current-state-writer';

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
 */
@Injectable()
export class EventWriter {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly graph: EventGraphRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly currentState: CurrentStateRepository,
    private readonly stateWriter: CurrentStateWriter,
    private readonly cache: EventCache,
  ) {}

  /** Serialises writers of one room across processes until the transaction ends. */
  async lockRoom(tx: Tx, roomId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ROOM_LOCK_SPACE, roomId]);
  }

  async loadRoom(tx: Tx, roomId: string): Promise<{ room: RoomRow; version: RoomVersion }> {
    const room = await this.rooms.get(tx, roomId);
    if (!room) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
    const version = roomVersion(room.roomVersion);
    if (!version)
      throw new MatrixError(
        'M_UNSUPPORTED_ROOM_VERSION',
        400,
        `Unsupported room version ${room.roomVersion}`,
      );
    return { room, version };
  }

  /** The current state entries an event built from `template` is authorised against. */
  async authStateFor(
    tx: Tx,
    room: RoomRow,
    version: RoomVersion,
    sender: string,
    template: EventTemplate,
  ): Promise<StateMap<IdentifiedPdu>> {
    const keys = authEventsNeeded(version, {
      type: template.type,
      sender,
      state_key: template.stateKey,
      content: template.content,
    });
    // v12 no longer lists the create event among auth_events, but the rules still read it.
    if (!keys.some((k) => k.type === 'm.room.create')) keys.push({ type: 'm.room.create', stateKey: '' });
    const entries = await this.currentState.getMany(tx, room.roomId, keys);
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
    const event = buildEvent({
      version,
      roomId: room.roomId,
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
    const streamOrdering = await this.persist(tx, room, event, prevIds, txn);
    return { eventId: event.eventId, streamOrdering, event };
  }

  /** Persists an authorised event as the room's newest (used for the create event too). */
  async persist(
    tx: Tx,
    room: RoomRow,
    event: IdentifiedPdu,
    prevIds: readonly string[],
    txn?: EventTxn,
  ): Promise<number> {
    const { pdu, eventId } = event;
    let snapshotAfter = room.currentSnapshotId;
    const replacesState =
      pdu.state_key === undefined
        ? null
        : await this.currentState.get(tx, room.roomId, pdu.type, pdu.state_key);
    if (pdu.state_key !== undefined) {
      snapshotAfter = await this.snapshots.create(
        tx,
        room.roomId,
        room.currentSnapshotId,
        new Map([[stateKey(pdu.type, pdu.state_key), eventId]]),
      );
      await this.rooms.setCurrentSnapshot(tx, room.roomId, snapshotAfter);
    }
    const streamOrdering = await this.events.nextStreamOrdering(tx);
    await this.events.insert(tx, {
      eventId,
      roomId: room.roomId,
      streamOrdering,
      type: pdu.type,
      stateKey: pdu.state_key ?? null,
      sender: pdu.sender,
      depth: pdu.depth,
      originServerTs: pdu.origin_server_ts,
      pdu,
      outlier: false,
      softFailed: false,
      rejectedReason: null,
      snapshotBefore: room.currentSnapshotId,
      snapshotAfter,
      replacesState,
      txn,
    });
    await this.graph.insertEdges(tx, eventId, referencedIds(pdu.prev_events), referencedIds(pdu.auth_events));
    await this.graph.advanceExtremities(tx, room.roomId, eventId, prevIds);
    await this.stateWriter.apply(tx, room.roomId, event, streamOrdering);
    const redacts = redactedTarget(event);
    if (redacts) await this.events.setRedactedBy(tx, redacts, eventId);
    room.currentSnapshotId = snapshotAfter;
    this.cache.remember(event);
    return streamOrdering;
  }
}
