import { Injectable } from '@nestjs/common';
import { IdentifiedPdu, stateKey } from '@switchboard/protocol';
import {
  BatchEventRow,
  EventBatchRepository,
  EventsRepository,
  EventTxn,
  RoomRow,
  RoomsRepository,
  StateSnapshotsRepository,
  Tx,
  pduColumns,
} from '@switchboard/storage';
import { CurrentStateWriter, redactedTarget, referencedIds } from '../perform/current-state-writer';

/** An authorised local event, built on top of the room's newest event (which may be in the same batch). */
export interface BuiltEvent {
  /** Shared by the batch's events of one room: its current snapshot moves as they are written. */
  room: RoomRow;
  event: IdentifiedPdu;
  /** The extremities it was built on: its prev_events. */
  prevIds: readonly string[];
  /** For a state event, the event it replaces in the room's current state. */
  replacesState: string | null;
  txn?: EventTxn;
}

/**
 * Step 09 for local events, for one event or a batch: events, edges, state snapshots, forward
 * extremities, current state, memberships and redactions, with multi-row statements, so a batch
 * costs about as many round trips as one event. The events must come in the order they were built
 * (each on top of the previous one of its room); they get stream positions in that order.
 */
@Injectable()
export class EventBatchWriter {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly batches: EventBatchRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly stateWriter: CurrentStateWriter,
  ) {}

  /** Returns each event's stream position, in the order given. */
  async write(tx: Tx, built: readonly BuiltEvent[]): Promise<number[]> {
    if (built.length === 0) return [];
    const snapshots = await this.snapshotsOf(tx, built);
    const rows: BatchEventRow[] = built.map(({ room, event: { eventId, pdu }, replacesState, txn }, i) => ({
      eventId,
      roomId: room.roomId,
      ...pduColumns(pdu),
      snapshotBefore: snapshots[i].before,
      snapshotAfter: snapshots[i].after,
      replacesState,
      txn,
    }));
    // Last: the stream lock is held from here to commit.
    const positions = await this.batches.insert(
      tx,
      rows,
      built.map(({ event: { eventId, pdu } }) => ({
        eventId,
        prevEventIds: referencedIds(pdu.prev_events),
        authEventIds: referencedIds(pdu.auth_events),
      })),
      extremityChanges(built),
    );
    await this.stateWriter.applyMany(
      tx,
      built.map(({ room, event }, i) => ({ roomId: room.roomId, event, streamOrdering: positions[i] })),
    );
    for (const { event } of built) {
      const redacts = redactedTarget(event);
      if (redacts) await this.events.setRedactedBy(tx, redacts, event.eventId);
    }
    return positions;
  }

  /** Each event's snapshots before and after; a state event adds a delta on its room's newest. */
  private async snapshotsOf(
    tx: Tx,
    built: readonly BuiltEvent[],
  ): Promise<{ before: number | null; after: number | null }[]> {
    const out: { before: number | null; after: number | null }[] = [];
    const moved = new Set<RoomRow>();
    for (const { room, event } of built) {
      const before = room.currentSnapshotId;
      const { pdu, eventId } = event;
      if (pdu.state_key !== undefined) {
        room.currentSnapshotId = await this.snapshots.create(
          tx,
          room.roomId,
          before,
          new Map([[stateKey(pdu.type, pdu.state_key), eventId]]),
        );
        moved.add(room);
      }
      out.push({ before, after: room.currentSnapshotId });
    }
    for (const room of moved) await this.rooms.setCurrentSnapshot(tx, room.roomId, room.currentSnapshotId!);
    return out;
  }
}

/** Per room: the extremities the batch built on go, its events that no later one built on come. */
function extremityChanges(
  built: readonly BuiltEvent[],
): { roomId: string; removed: string[]; added: string[] }[] {
  const byRoom = new Map<string, { referenced: Set<string>; ids: string[] }>();
  for (const { room, event, prevIds } of built) {
    let entry = byRoom.get(room.roomId);
    if (!entry) byRoom.set(room.roomId, (entry = { referenced: new Set(), ids: [] }));
    for (const id of prevIds) entry.referenced.add(id);
    entry.ids.push(event.eventId);
  }
  return [...byRoom].map(([roomId, { referenced, ids }]) => ({
    roomId,
    removed: [...referenced],
    added: ids.filter((id) => !referenced.has(id)),
  }));
}
