import { Injectable } from '@nestjs/common';
import { IdentifiedPdu, redactionApplies, roomVersion, StateMap, stateKey } from '@switchboard/protocol';
import {
  CurrentStateRepository,
  EventBatchRepository,
  EventGraphRepository,
  EventsRepository,
  RoomRow,
  RoomsRepository,
  StateSnapshotsRepository,
  Tx,
  pduColumns,
} from '@switchboard/storage';
import { EventCache } from '../query/event-cache';
import { CurrentStateWriter, redactedTarget, referencedIds } from '../perform/current-state-writer';
import { stateAfter } from './07-state-before';

export interface RemotePersist {
  room: RoomRow;
  event: IdentifiedPdu;
  outcome: 'accepted' | 'soft_failed' | 'rejected' | 'outlier';
  rejectedReason?: string;
  /** Known for accepted and soft-failed events, and for rejected ones whose prev events we have. */
  stateBefore?: StateMap<string>;
  /** The snapshot of the single prev event whose after-state is stateBefore, to reuse it. */
  reusableSnapshot?: number | null;
  /** The room's current state once this event is in, when it changes (accepted events only). */
  newCurrentState?: StateMap<string>;
  /**
   * Backfilled history (accepted): its reserved position, below every other. It is placed in the
   * timeline only: the forward extremities and current state stay as they are.
   */
  backfillPosition?: number;
}

/**
 * Step 9: one transaction stores the event with its edges and snapshots; an accepted event also
 * moves the forward extremities, the room's current state and memberships and gets a stream
 * position. Soft-failed, rejected and outlier events are stored (so they are never fetched
 * again) but are in no stream.
 */
@Injectable()
export class RemoteEventPersister {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly graph: EventGraphRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly currentState: CurrentStateRepository,
    private readonly stateWriter: CurrentStateWriter,
    private readonly cache: EventCache,
    private readonly batches: EventBatchRepository,
  ) {}

  async persist(tx: Tx, p: RemotePersist): Promise<number | null> {
    const { pdu, eventId } = p.event;
    const prevIds = referencedIds(pdu.prev_events);
    let snapshotBefore: number | null = null;
    let snapshotAfter: number | null = null;
    if (p.stateBefore) {
      snapshotBefore =
        p.reusableSnapshot !== undefined
          ? p.reusableSnapshot
          : await this.snapshots.create(tx, p.room.roomId, null, new Map(p.stateBefore));
      // A rejected event changes no state: what follows it sees the state before it.
      snapshotAfter =
        pdu.state_key === undefined || p.outcome === 'rejected'
          ? snapshotBefore
          : await this.snapshots.create(
              tx,
              p.room.roomId,
              snapshotBefore,
              new Map([[stateKey(pdu.type, pdu.state_key), eventId]]),
            );
    }
    const accepted = p.outcome === 'accepted';
    if (p.outcome !== 'outlier') await this.events.deleteOutlier(tx, eventId);
    const streamOrdering = !accepted
      ? null
      : (p.backfillPosition ?? (await this.events.nextStreamOrdering(tx)));
    await this.events.insert(tx, {
      eventId,
      roomId: p.room.roomId,
      streamOrdering,
      ...pduColumns(pdu),
      outlier: p.outcome === 'outlier',
      softFailed: p.outcome === 'soft_failed',
      rejectedReason: p.outcome === 'rejected' ? (p.rejectedReason ?? 'rejected') : null,
      snapshotBefore,
      snapshotAfter,
      // What clients see as unsigned.replaces_state and prev_content: the state before the event.
      replacesState:
        pdu.state_key === undefined ? null : (p.stateBefore?.get(stateKey(pdu.type, pdu.state_key)) ?? null),
    });
    await this.graph.insertEdges(tx, eventId, prevIds, referencedIds(pdu.auth_events));
    if (!accepted || streamOrdering === null) return null;
    await this.batches.index(tx, [{ eventId, roomId: p.room.roomId, pdu }]);

    if (p.backfillPosition === undefined)
      await this.graph.advanceExtremities(tx, p.room.roomId, eventId, prevIds);
    if (p.newCurrentState && p.stateBefore) {
      const after = stateAfter(p.stateBefore, p.event);
      await this.applyCurrentState(tx, p.room, p.newCurrentState, after, snapshotAfter, streamOrdering);
    }
    const redacts = redactedTarget(p.event);
    if (redacts && (await this.redactionApplies(tx, p, redacts)))
      await this.events.setRedactedBy(tx, redacts, eventId);
    this.cache.remember(p.event);
    return streamOrdering;
  }

  /**
   * A redaction from another server is applied only as the room version allows (v3's "Handling
   * redactions": the sender's power, or the same server as the redacted event's sender), judged by
   * the state before it; an event not seen yet is left to setRedactedBy, which finds no row.
   */
  private async redactionApplies(tx: Tx, p: RemotePersist, redacts: string): Promise<boolean> {
    const version = roomVersion(p.room.roomVersion);
    const target = (await this.cache.getMany(tx, [redacts])).get(redacts);
    if (!version || !target || !p.stateBefore) return true;
    const state = await this.cache.stateEvents(tx, p.stateBefore);
    return redactionApplies(version, p.event, target, state);
  }

  /**
   * Moves current_state and memberships to `next`, and points the room at a snapshot of it: the
   * event's own after-snapshot when they agree, else a delta on top of it.
   */
  private async applyCurrentState(
    tx: Tx,
    room: RoomRow,
    next: StateMap<string>,
    afterEvent: StateMap<string>,
    eventSnapshotAfter: number | null,
    streamOrdering: number,
  ): Promise<void> {
    const current = new Map(
      (await this.currentState.all(tx, room.roomId)).map((e) => [stateKey(e.type, e.stateKey), e.eventId]),
    );
    const changed = [...next].filter(([key, id]) => current.get(key) !== id);
    const events = await this.cache.getMany(
      tx,
      changed.map(([, id]) => id),
    );
    for (const [, id] of changed) {
      const event = events.get(id);
      if (event) await this.stateWriter.apply(tx, room.roomId, event, streamOrdering);
    }
    const delta = new Map<string, string | null>([...next].filter(([key, id]) => afterEvent.get(key) !== id));
    for (const key of afterEvent.keys()) if (!next.has(key)) delta.set(key, null);
    const snapshot =
      delta.size === 0
        ? eventSnapshotAfter
        : await this.snapshots.create(tx, room.roomId, eventSnapshotAfter, delta);
    if (snapshot !== null) await this.rooms.setCurrentSnapshot(tx, room.roomId, snapshot);
  }
}
