import { Inject, Injectable, Optional } from '@nestjs/common';
import { IdentifiedPdu, RoomVersion, roomVersion, StateMap, stateKey } from '@switchboard/protocol';
import { LOGGER, Logger } from '@switchboard/observability';
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
import { redactedTarget, referencedIds } from '../perform/current-state-writer';
import { checkAgainstAuthEvents, createEventIdOf } from './04-auth-events';
import { oldestFirst, stateFromRemote } from './06-backfill';
import { checkAgainstState, resolveStateBefore, stateAfter } from './07-state-before';
import { RemoteEventPersister } from './09-persist';
import { InputEvent, InputRejection, InputResult } from './input.types';

const NO_FETCHER: FederationFetcher = { event: async () => undefined, missingEvents: async () => [] };
const NO_KEYS: VerifyKeys = { get: async () => undefined };

/** How far the pipeline follows missing auth and prev events before giving up on an event. */
const MAX_FETCH_DEPTH = 5;
const MISSING_EVENTS_LIMIT = 20;
/** State events a backfilled event may lack, fetched one by one, before it is dropped instead. */
const MAX_MISSING_STATE = 100;

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
    @Inject(LOGGER) private readonly logger: Logger,
    // Provided by libs/federation; without it (federation off) nothing is fetched and no remote
    // key is known, so every remote event is refused.
    @Optional() @Inject(FEDERATION_FETCHER) private readonly fetcher: FederationFetcher = NO_FETCHER,
    @Optional() @Inject(VERIFY_KEYS) private readonly keys: VerifyKeys = NO_KEYS,
  ) {}

  async input(events: readonly InputEvent[]): Promise<InputResult[]> {
    const results = new Map<InputEvent, InputResult>();
    for (const event of events.filter((e) => e.kind !== 'backfill'))
      results.set(event, await this.inputOne(event, 0));
    const backfill = oldestFirst(events.filter((e) => e.kind === 'backfill'));
    const positions = await this.events.reserveBackfillOrderings(this.transactions.reader, backfill.length);
    for (const [i, event] of backfill.entries())
      results.set(event, await this.inputOne(event, 0, positions[i]));
    for (const [event, result] of results) this.logRefusal(event, result);
    return events.map((e) => results.get(e)!);
  }

  /** An operator sees every event another server sent that was not accepted, and why. */
  private logRefusal(event: InputEvent, result: InputResult): void {
    if (result.outcome !== 'rejected' && result.outcome !== 'soft_failed') return;
    this.logger.warn(
      { origin: event.origin, room_id: event.roomId, event_id: result.eventId, reason: result.reason },
      result.outcome === 'rejected' ? 'refused an event from another server' : 'soft-failed an event',
    );
  }

  /** `backfillPosition`: the reserved stream position of a backfilled event. */
  private async inputOne(input: InputEvent, depth: number, backfillPosition?: number): Promise<InputResult> {
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
      const received = event;
      event = await verifyInput(event, version, this.keys);
      if (event.pdu !== received.pdu)
        this.logger.warn(
          { origin: input.origin, room_id: input.roomId, event_id: event.eventId },
          'content hash mismatch: the event is kept redacted',
        );
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
      await this.refuseCrossRoomRedaction(room.roomId, event);

      // 05 outlier: stored, in no timeline and no state
      if (input.kind === 'outlier') {
        await this.transactions.run((tx) => this.persister.persist(tx, { room, event, outcome: 'outlier' }));
        return { eventId: event.eventId, outcome: 'accepted' };
      }

      // 06 prev events; "backfill never fetches forward"
      const prevIds = referencedIds(event.pdu.prev_events);
      let prevRows = await this.events.getMany(reader, prevIds);
      if (depth < MAX_FETCH_DEPTH && input.kind === 'new') {
        // Outliers the pushed event follows are placed first; for an event get_missing_events
        // brought they stay outliers and count as missing, as Synapse does.
        for (const outlier of [...prevRows.values()].filter((r) => r.outlier && depth === 0)) {
          await this.inputOne(
            { kind: input.kind, roomId: room.roomId, pdu: outlier.pdu, origin: input.origin },
            depth + 1,
          );
        }
        // Only for the event pushed to us: those get_missing_events answers are not asked after.
        if (depth === 0 && prevIds.some((id) => !prevRows.has(id))) {
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
        // A prev event of another room gives this one nothing: its state is not this room's.
        .filter((r): r is EventRow => r?.snapshotAfter != null && r.roomId === room.roomId);
      const remoteState =
        usable.length === prevIds.length
          ? undefined
          : input.kind === 'backfill'
            ? await this.remoteStateBefore(input, event, depth)
            : depth > 0
              ? await this.stateAfterMissingPrevs(input, version, prevIds, usable, isRejected, depth)
              : undefined;
      if (usable.length !== prevIds.length && !remoteState) {
        // Without the state before the event it cannot be placed in the room. Live traffic is
        // dropped ("there is no excuse for us not to have all the prev_events" of an event pushed
        // to us, as Synapse puts it), so that a later event naming it asks for it again; history
        // is kept for auth, unless it is kept already (an outlier that came again).
        if (input.kind !== 'new' && !(await this.events.get(reader, event.eventId)))
          await this.transactions.run((tx) =>
            this.persister.persist(tx, { room, event, outcome: 'outlier' }),
          );
        return { eventId: event.eventId, outcome: 'rejected', reason: 'prev_events unavailable' };
      }

      // 07 state before, and auth against it
      const statesAfterPrevs = await Promise.all(
        usable.map((r) => this.snapshots.load(reader, r.snapshotAfter!)),
      );
      const stateBefore =
        remoteState ??
        (await resolveStateBefore(
          version,
          statesAfterPrevs,
          (ids) => this.cache.getMany(reader, ids),
          isRejected,
        ));
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
      const reusableSnapshot = !remoteState && usable.length === 1 ? usable[0].snapshotAfter : undefined;

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
          // History goes in before everything stored, moving neither extremities nor current state.
          if (input.kind === 'backfill') {
            const position = await this.persister.persist(tx, {
              room,
              event,
              outcome: 'accepted',
              stateBefore,
              reusableSnapshot,
              backfillPosition,
            });
            return { eventId: event.eventId, outcome: 'accepted' as const, position: position ?? undefined };
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
      // Backfilled history (negative positions) is no news to any stream.
      if (result.position && result.position > 0) await this.notifier.publish(EVENTS_STREAM, result.position);
      return result;
    } catch (err) {
      if (!(err instanceof InputRejection)) throw err;
      if (err.outcome === 'rejected') {
        const stateBefore =
          input.kind === 'outlier'
            ? undefined
            : await this.rejectedStateBefore(input, room, event, version, depth);
        // Filling the gap may have brought the event itself in already.
        const placed = await this.events.get(this.transactions.reader, event.eventId);
        if (!placed || placed.outlier)
          await this.transactions.run((tx) =>
            this.persister.persist(tx, {
              room,
              event,
              outcome: 'rejected',
              rejectedReason: err.message,
              stateBefore,
            }),
          );
      }
      return { eventId: event.eventId, outcome: 'rejected', reason: err.message };
    }
  }

  /**
   * The state before a rejected event, kept so that events after it can be placed: from its stored
   * prev events, or for an event get_missing_events brought, as for an accepted one, from the
   * sender at the gap (which Synapse asks for before it authorises). Undefined when unknown.
   */
  private async rejectedStateBefore(
    input: InputEvent,
    room: RoomRow,
    event: IdentifiedPdu,
    version: RoomVersion,
    depth: number,
  ): Promise<StateMap<string> | undefined> {
    const prevIds = referencedIds(event.pdu.prev_events);
    let rows = await this.events.getMany(this.transactions.reader, prevIds);
    // A pushed event's gap is filled first, rejected or not, as for any pushed event.
    if (input.kind === 'new' && depth === 0 && prevIds.some((id) => !rows.has(id))) {
      await this.fetchMissingPrevs(input, room, event, depth);
      rows = await this.events.getMany(this.transactions.reader, prevIds);
    }
    const stored = await this.storedStateBefore(event, version);
    if (stored || input.kind !== 'new' || depth === 0) return stored;
    const usable = [...rows.values()].filter((r) => r.snapshotAfter !== null && r.roomId === input.roomId);
    return this.stateAfterMissingPrevs(input, version, prevIds, usable, () => false, depth).catch(
      (err: unknown) => {
        if (err instanceof InputRejection) return undefined;
        throw err;
      },
    );
  }

  /**
   * The state before an event from its stored prev events alone (nothing fetched); undefined when
   * one lacks a state.
   */
  private async storedStateBefore(
    event: IdentifiedPdu,
    version: RoomVersion,
  ): Promise<StateMap<string> | undefined> {
    const reader = this.transactions.reader;
    const prevIds = referencedIds(event.pdu.prev_events);
    const rows = [...(await this.events.getMany(reader, prevIds)).values()];
    if (rows.length !== prevIds.length || rows.some((r) => r.snapshotAfter === null)) return undefined;
    const states = await Promise.all(rows.map((r) => this.snapshots.load(reader, r.snapshotAfter!)));
    const rejected = new Set(rows.filter((r) => r.rejectedReason !== null).map((r) => r.eventId));
    return resolveStateBefore(
      version,
      states,
      (ids) => this.cache.getMany(reader, ids),
      (id) => rejected.has(id),
    );
  }

  /**
   * A redaction naming an event of another room is rejected, as Synapse does (SyTest "An event
   * which redacts an event in a different room should be ignored"): it could apply to nothing.
   */
  private async refuseCrossRoomRedaction(roomId: string, event: IdentifiedPdu): Promise<void> {
    const target = redactedTarget(event);
    const row = target && (await this.events.get(this.transactions.reader, target));
    if (row && row.roomId !== roomId)
      throw new InputRejection('rejected', 'redacts an event of another room');
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

  /**
   * The state before a backfilled event whose prev events we lack, from the server that sent it
   * (server-server-api "Backfilling and retrieving missing events": /state_ids at the gap), with
   * the state events it names fetched as outliers when missing. Undefined when it cannot tell.
   */
  private async remoteStateBefore(
    input: InputEvent,
    event: IdentifiedPdu,
    depth: number,
  ): Promise<StateMap<string> | undefined> {
    const answer = await this.fetcher.stateIdsBefore?.(input.origin, input.roomId, event.eventId);
    if (!answer) return undefined;
    const known = await this.events.getMany(this.transactions.reader, answer.stateIds);
    const missing = answer.stateIds.filter((id) => !known.has(id));
    if (missing.length > MAX_MISSING_STATE)
      throw new InputRejection('dropped', `too many unknown state events: ${missing.length}`);
    const rows = missing.length === 0 ? known : await this.loadOrFetch(input, answer.stateIds, depth);
    return stateFromRemote(answer.stateIds, rows);
  }

  /**
   * Step 6 for an event that get_missing_events brought whose prev events are still unknown: as
   * Synapse does, the state after each unknown prev event is asked of the sender (/state_ids at
   * it, that event's own state before, plus the event itself, both fetched as outliers when
   * missing) and resolved with the states after the known ones. Undefined when the sender cannot
   * tell.
   */
  private async stateAfterMissingPrevs(
    input: InputEvent,
    version: RoomVersion,
    prevIds: readonly string[],
    usable: readonly EventRow[],
    isRejected: (id: string) => boolean,
    depth: number,
  ): Promise<StateMap<string> | undefined> {
    const reader = this.transactions.reader;
    const states: StateMap<string>[] = [];
    for (const id of prevIds) {
      const known = usable.find((r) => r.eventId === id);
      if (known) {
        states.push(await this.snapshots.load(reader, known.snapshotAfter!));
        continue;
      }
      const answer = await this.fetcher.stateIdsBefore?.(input.origin, input.roomId, id);
      if (!answer) return undefined;
      const rows = await this.loadOrFetch(input, [...answer.stateIds, id], depth);
      const prev = rows.get(id);
      if (!prev || prev.roomId !== input.roomId) return undefined;
      const before = stateFromRemote(answer.stateIds, rows);
      const changesState = prev.stateKey !== null && prev.rejectedReason === null;
      states.push(changesState ? new Map(before).set(stateKey(prev.type, prev.stateKey!), id) : before);
    }
    return resolveStateBefore(version, states, (ids) => this.cache.getMany(reader, ids), isRejected);
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
    // A state event is in its own after-state but not stored yet: resolution is handed it.
    const load = async (ids: readonly string[]) => {
      const found = await this.cache.getMany(tx, ids);
      if (ids.includes(event.eventId)) found.set(event.eventId, event);
      return found;
    };
    return resolveStateBefore(version, sets, load, isRejected);
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
