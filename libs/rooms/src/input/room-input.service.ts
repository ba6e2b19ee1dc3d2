import { Inject, Injectable, Optional } from '@nestjs/common';
import { IdentifiedPdu, RoomVersion, roomVersion, StateMap, stateKey } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import {
  EventGraphRepository,
  EventRow,
  EventsRepository,
  RoomRow,
  RoomsRepository,
  StateSnapshotsRepository,
  Transactions,
  Tx,
} from '@switchboard/storage';
import { FEDERATION_FETCHER, FederationFetcher, VERIFY_KEYS, VerifyKeys } from '../api/federation-ports';
import { RoomLocks } from '../locks/room-locks';
import { EventWriter } from '../perform/event-writer';
import { EVENTS_STREAM } from '../perform/send.perform';
import { EventCache } from '../query/event-cache';
import { RoomStateQuery } from '../query/room-state.query';
import { parseInput } from './01-parse';
import { verifyInput } from './03-verify';
import { referencedIds } from '../perform/current-state-writer';
import { checkAgainstAuthEvents, createEventIdOf } from './04-auth-events';
import { checkAgainstState, resolveStateBefore, stateAfter } from './07-state-before';
import { RemoteEventPersister } from './09-persist';
import { InputEvent, InputRejection, InputResult } from './input.types';

const NO_FETCHER: FederationFetcher = { event: async () => undefined, missingEvents: async () => [] };
const NO_KEYS: VerifyKeys = { get: async () => undefined };

/** How far the pipeline follows missing auth and prev events before giving up on an event. */
const MAX_FETCH_DEPTH = 5;
const MISSING_EVENTS_LIMIT = 20;

/**
 * Events from other servers enter rooms here (STYLE.md "The event input pipeline"): one event at a
 * time, each through the numbered steps of server-server-api "Checks performed on receipt of a
 * PDU". One bad event never stops the others: each gets its own outcome.
 */
@Injectable()
export class RoomInput {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: RoomLocks,
    private readonly writer: EventWriter,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly graph: EventGraphRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly cache: EventCache,
    private readonly state: RoomStateQuery,
    private readonly persister: RemoteEventPersister,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    // Provided by libs/federation; without it (federation off) nothing is fetched and no remote
    // key is known, so every remote event is refused.
    @Optional() @Inject(FEDERATION_FETCHER) private readonly fetcher: FederationFetcher = NO_FETCHER,
    @Optional() @Inject(VERIFY_KEYS) private readonly keys: VerifyKeys = NO_KEYS,
  ) {}

  async input(events: readonly InputEvent[]): Promise<InputResult[]> {
    const results: InputResult[] = [];
    for (const event of events) results.push(await this.inputOne(event, 0));
    return results;
  }

  private async inputOne(input: InputEvent, depth: number): Promise<InputResult> {
    const reader = this.transactions.reader;
    const room = await this.rooms.get(reader, input.roomId);
    const version = room && roomVersion(room.roomVersion);
    const claimedId = typeof input.pdu?.event_id === 'string' ? input.pdu.event_id : '';
    if (!room || !version) return { eventId: claimedId, outcome: 'rejected', reason: 'unknown room' };

    let event: IdentifiedPdu;
    try {
      // 01 parse
      event = parseInput(input, version);
      // 02 dedupe: "stored and not rejected" is done; a rejected event stays rejected; an outlier
      // (stored for auth only) is placed in the room when it arrives as part of the timeline.
      const stored = await this.events.get(reader, event.eventId);
      if (stored && !(stored.outlier && input.kind !== 'outlier')) {
        return { eventId: event.eventId, outcome: stored.rejectedReason ? 'rejected' : 'duplicate' };
      }
      // 03 verify
      event = await verifyInput(event, version, this.keys);
    } catch (err) {
      if (err instanceof InputRejection)
        return { eventId: claimedId, outcome: 'rejected', reason: err.message };
      throw err;
    }

    try {
      // 04 auth events, fetched as outliers when missing
      const authIds = referencedIds(event.pdu.auth_events);
      const createId = createEventIdOf(room.roomId, version);
      const authRows = await this.loadOrFetch(input, [...authIds, ...(createId ? [createId] : [])], depth);
      const isRejected = (id: string) => authRows.get(id)?.rejectedReason != null;
      const missingAuth = authIds.filter((id) => !authRows.has(id));
      if (missingAuth.length > 0)
        throw new InputRejection('rejected', `auth events unavailable: ${missingAuth.join(', ')}`);
      const create = createId ? toIdentified(authRows.get(createId)) : undefined;
      checkAgainstAuthEvents(
        version,
        event,
        authIds.map((id) => toIdentified(authRows.get(id))!),
        create,
        isRejected,
      );

      // 05 outlier: stored, in no timeline and no state
      if (input.kind === 'outlier') {
        await this.transactions.run((tx) => this.persister.persist(tx, { room, event, outcome: 'outlier' }));
        return { eventId: event.eventId, outcome: 'accepted' };
      }

      // 06 prev events; "backfill never fetches forward"
      const prevIds = referencedIds(event.pdu.prev_events);
      let prevRows = await this.events.getMany(reader, prevIds);
      if (depth < MAX_FETCH_DEPTH) {
        for (const outlier of [...prevRows.values()].filter((r) => r.outlier)) {
          await this.inputOne(
            { kind: input.kind, roomId: room.roomId, pdu: outlier.pdu, origin: input.origin },
            depth + 1,
          );
        }
        if (input.kind === 'new' && prevIds.some((id) => !prevRows.has(id))) {
          await this.fetchMissingPrevs(input, room, event, depth);
          // The remote may have answered with the event itself, which is then in already.
          const placed = await this.events.get(reader, event.eventId);
          if (placed && !placed.outlier) {
            return { eventId: event.eventId, outcome: placed.rejectedReason ? 'rejected' : 'duplicate' };
          }
        }
        prevRows = await this.events.getMany(reader, prevIds);
      }
      const usable = prevIds
        .map((id) => prevRows.get(id))
        .filter((r): r is EventRow => r?.snapshotAfter != null);
      if (usable.length !== prevIds.length) {
        // Without the state before the event it cannot be placed in the room; keep it for auth.
        await this.transactions.run((tx) => this.persister.persist(tx, { room, event, outcome: 'outlier' }));
        return { eventId: event.eventId, outcome: 'rejected', reason: 'prev_events unavailable' };
      }

      // 07 state before, and auth against it
      const statesAfterPrevs = await Promise.all(
        usable.map((r) => this.snapshots.load(reader, r.snapshotAfter!)),
      );
      const stateBefore = await resolveStateBefore(
        version,
        statesAfterPrevs,
        (ids) => this.cache.getMany(reader, ids),
        isRejected,
      );
      const stateEvents = await this.eventsOf(stateBefore, create);
      const againstBefore = checkAgainstState(version, event, stateEvents, isRejected);
      if (!againstBefore.allowed) {
        await this.transactions.run((tx) =>
          this.persister.persist(tx, {
            room,
            event,
            outcome: 'rejected',
            rejectedReason: againstBefore.reason,
            stateBefore,
          }),
        );
        return { eventId: event.eventId, outcome: 'rejected', reason: againstBefore.reason };
      }
      const reusableSnapshot = usable.length === 1 ? usable[0].snapshotAfter : undefined;

      // 08 soft-fail against current state, then 09 persist, under the room lock
      const result = await this.locks.withRoom(room.roomId, () =>
        this.transactions.run(async (tx) => {
          await this.writer.lockRoom(tx, room.roomId);
          // Inside the transaction: the embedded database has one connection, which it holds.
          const current = input.kind === 'new' ? await this.state.current(room.roomId, tx) : undefined;
          const soft = current && checkAgainstState(version, event, withCreate(current, create), isRejected);
          if (soft && !soft.allowed) {
            await this.persister.persist(tx, {
              room,
              event,
              outcome: 'soft_failed',
              stateBefore,
              reusableSnapshot,
            });
            return { eventId: event.eventId, outcome: 'soft_failed' as const, reason: soft.reason };
          }
          const newCurrentState = await this.currentStateAfter(
            tx,
            room,
            version,
            event,
            stateBefore,
            prevIds,
            isRejected,
          );
          const position = await this.persister.persist(tx, {
            room,
            event,
            outcome: 'accepted',
            stateBefore,
            reusableSnapshot,
            newCurrentState,
          });
          return { eventId: event.eventId, outcome: 'accepted' as const, position: position ?? undefined };
        }),
      );
      // 10 publish
      if (result.position) await this.notifier.publish(EVENTS_STREAM, result.position);
      return result;
    } catch (err) {
      if (!(err instanceof InputRejection)) throw err;
      if (err.outcome === 'rejected') {
        await this.transactions.run((tx) =>
          this.persister.persist(tx, { room, event, outcome: 'rejected', rejectedReason: err.message }),
        );
      }
      return { eventId: event.eventId, outcome: 'rejected', reason: err.message };
    }
  }

  /** Stored events by ID; missing ones are fetched from the origin and input as outliers first. */
  private async loadOrFetch(
    input: InputEvent,
    ids: readonly string[],
    depth: number,
  ): Promise<Map<string, EventRow>> {
    const rows = await this.events.getMany(this.transactions.reader, ids);
    const missing = ids.filter((id) => !rows.has(id));
    if (missing.length === 0 || depth >= MAX_FETCH_DEPTH) return rows;
    for (const id of missing) {
      const pdu = await this.fetcher.event(input.origin, input.roomId, id);
      if (pdu)
        await this.inputOne({ kind: 'outlier', roomId: input.roomId, pdu, origin: input.origin }, depth + 1);
    }
    return this.events.getMany(this.transactions.reader, ids);
  }

  /** server-server-api "get_missing_events": between our forward extremities and the new event. */
  private async fetchMissingPrevs(
    input: InputEvent,
    room: RoomRow,
    event: IdentifiedPdu,
    depth: number,
  ): Promise<void> {
    const earliest = await this.graph.forwardExtremities(this.transactions.reader, room.roomId);
    const fetched = await this.fetcher.missingEvents(
      input.origin,
      room.roomId,
      earliest,
      [event.eventId],
      MISSING_EVENTS_LIMIT,
    );
    for (const pdu of [...fetched].sort((a, b) => a.depth - b.depth)) {
      await this.inputOne({ kind: 'new', roomId: room.roomId, pdu, origin: input.origin }, depth + 1);
    }
  }

  /**
   * The room's state once the event is a forward extremity: its own after-state when it follows
   * every current extremity, else the resolution of the after-states of all extremities.
   */
  private async currentStateAfter(
    tx: Tx,
    room: RoomRow,
    version: RoomVersion,
    event: IdentifiedPdu,
    stateBefore: StateMap<string>,
    prevIds: readonly string[],
    isRejected: (id: string) => boolean,
  ): Promise<StateMap<string>> {
    const after = stateAfter(stateBefore, event);
    const others = (await this.graph.forwardExtremities(tx, room.roomId)).filter(
      (id) => !prevIds.includes(id),
    );
    if (others.length === 0) return after;
    const rows = await this.events.getMany(tx, others);
    const sets = [after];
    for (const row of rows.values())
      if (row.snapshotAfter !== null) sets.push(await this.snapshots.load(tx, row.snapshotAfter));
    return resolveStateBefore(version, sets, (ids) => this.cache.getMany(tx, ids), isRejected);
  }

  private async eventsOf(
    state: StateMap<string>,
    create: IdentifiedPdu | undefined,
  ): Promise<StateMap<IdentifiedPdu>> {
    return withCreate(await this.cache.stateEvents(this.transactions.reader, state), create);
  }
}

function toIdentified(row: EventRow | undefined): IdentifiedPdu | undefined {
  return row ? { eventId: row.eventId, pdu: row.pdu } : undefined;
}

/** v12 rules read the create event the room ID names, which state may not hold under its key. */
function withCreate(
  state: StateMap<IdentifiedPdu>,
  create: IdentifiedPdu | undefined,
): StateMap<IdentifiedPdu> {
  const key = stateKey('m.room.create', '');
  if (!create || state.has(key)) return state;
  return new Map(state).set(key, create);
}
