import { Injectable } from '@nestjs/common';
import {
  EventTemplate,
  IdentifiedPdu,
  MatrixError,
  ROOM_VERSIONS,
  RoomVersion,
  stateKey,
} from '@switchboard/protocol';
import { EventBatchRepository, EventTxn, RoomRow, SendContext, Tx } from '@switchboard/storage';
import { BuiltEvent } from '../persist/event-batch.writer';
import { EventCache } from '../query/event-cache';
import { authKeys, EventWriter, versionOf } from './event-writer';

export interface SendRequest {
  roomId: string;
  sender: string;
  template: EventTemplate;
  txn?: EventTxn;
}

/** The newest room version: its auth event selection covers every older one's (see wantedState). */
const PREFETCH_VERSION = [...ROOM_VERSIONS.values()].at(-1)!;

/** What becomes of one request of a batch. */
export type Planned =
  /** Built and authorised: `built[index]` (a repeated transaction ID points at the first one). */
  | { kind: 'built'; index: number }
  /** The device already sent this transaction ID in this room: that event, nothing new. */
  | { kind: 'stored'; eventId: string }
  | { kind: 'refused'; error: MatrixError };

export interface SendPlan {
  /** In build order: each event of a room is built on the one before it. */
  built: BuiltEvent[];
  /** One per request, in request order. */
  planned: Planned[];
}

/** A room as the batch goes: its newest events and the state entries the batch's events read. */
interface RoomSoFar {
  room: RoomRow;
  version: RoomVersion;
  prevIds: string[];
  prevEvents: IdentifiedPdu[];
  /** Current state event IDs by protocol state key, for the keys the batch needs. */
  stateIds: Map<string, string>;
  state: Map<string, IdentifiedPdu>;
}

/**
 * ARCHITECTURE.md step 2 for a batch of sends, inside the batch's transaction with its rooms
 * locked: reads each room's extremities and the state entries the events need in a few
 * queries, then builds the events in memory in request order, each on top of the previous one of
 * its room and authorised against the state as the batch has changed it. A refused event is
 * refused alone and changes nothing for the others.
 */
@Injectable()
export class SendBatchBuilder {
  constructor(
    private readonly batches: EventBatchRepository,
    private readonly cache: EventCache,
    private readonly writer: EventWriter,
  ) {}

  async plan(tx: Tx, requests: readonly SendRequest[]): Promise<SendPlan> {
    const context = await this.batches.readSendContext(tx, {
      txns: requests.flatMap((r) => (r.txn ? [{ roomId: r.roomId, txn: r.txn }] : [])),
      roomIds: [...new Set(requests.map((r) => r.roomId))],
      stateKeys: wantedState(requests),
    });
    const stored = new Map(context.stored.map((s) => [txnKey(s.roomId, s.txn), s.eventId]));
    const rooms = await this.load(tx, context);
    const built: BuiltEvent[] = [];
    const planned: Planned[] = [];
    const builtByTxn = new Map<string, number>();
    for (const r of requests) {
      const soFar = rooms.get(r.roomId)!;
      if (soFar instanceof MatrixError) {
        planned.push({ kind: 'refused', error: soFar });
        continue;
      }
      const key = r.txn && txnKey(r.roomId, r.txn);
      const earlier = key === undefined ? undefined : (stored.get(key) ?? builtByTxn.get(key));
      if (typeof earlier === 'string') planned.push({ kind: 'stored', eventId: earlier });
      else if (typeof earlier === 'number') planned.push({ kind: 'built', index: earlier });
      else {
        const result = this.buildOne(soFar, r);
        if (result instanceof MatrixError) planned.push({ kind: 'refused', error: result });
        else {
          if (key !== undefined) builtByTxn.set(key, built.length);
          planned.push({ kind: 'built', index: built.length });
          built.push(result);
        }
      }
    }
    return { built, planned };
  }

  private buildOne(soFar: RoomSoFar, r: SendRequest): BuiltEvent | MatrixError {
    const authState = new Map<string, IdentifiedPdu>();
    for (const k of authKeys(soFar.version, r.sender, r.template)) {
      const key = stateKey(k.type, k.stateKey);
      const event = soFar.state.get(key);
      if (event) authState.set(key, event);
    }
    let event: IdentifiedPdu;
    try {
      event = this.writer.buildAuthorised(
        soFar.version,
        soFar.room.roomId,
        r.sender,
        r.template,
        soFar.prevEvents,
        authState,
      );
    } catch (err) {
      if (err instanceof MatrixError) return err;
      throw err;
    }
    const prevIds = soFar.prevIds;
    let replacesState: string | null = null;
    if (event.pdu.state_key !== undefined) {
      const key = stateKey(event.pdu.type, event.pdu.state_key);
      replacesState = soFar.stateIds.get(key) ?? null;
      soFar.stateIds.set(key, event.eventId);
      soFar.state.set(key, event);
    }
    soFar.prevIds = [event.eventId];
    soFar.prevEvents = [event];
    return { room: soFar.room, event, prevIds, replacesState, txn: r.txn };
  }

  /** Each room of the batch as it is now, or the error every send into it gets. */
  private async load(tx: Tx, context: SendContext): Promise<Map<string, RoomSoFar | MatrixError>> {
    const out = new Map<string, RoomSoFar | MatrixError>();
    for (const [roomId, prevIds] of context.extremities) {
      const room = context.rooms.get(roomId);
      if (!room) out.set(roomId, new MatrixError('M_NOT_FOUND', 404, 'Unknown room'));
      else {
        try {
          const version = versionOf(room);
          out.set(roomId, { room, version, prevIds, prevEvents: [], stateIds: new Map(), state: new Map() });
        } catch (err) {
          if (!(err instanceof MatrixError)) throw err;
          out.set(roomId, err);
        }
      }
    }
    const ready = [...out.values()].filter((s): s is RoomSoFar => !(s instanceof MatrixError));
    const events = await this.cache.getMany(tx, [
      ...context.state.map((e) => e.eventId),
      ...ready.flatMap((s) => s.prevIds),
    ]);
    for (const e of context.state) {
      const soFar = out.get(e.roomId);
      if (!soFar || soFar instanceof MatrixError) continue;
      const key = stateKey(e.type, e.stateKey);
      soFar.stateIds.set(key, e.eventId);
      const event = events.get(e.eventId);
      if (event) soFar.state.set(key, event);
    }
    for (const soFar of ready) {
      soFar.prevEvents = soFar.prevIds.flatMap((id) => events.get(id) ?? []);
    }
    return out;
  }
}

/**
 * The current state entries the batch's events are authorised against, or replace. Read before
 * the rooms' versions are known, so with the newest version's rules: every older version's
 * selection is a subset of them (restricted joins add one key, v12 the create event, which
 * authKeys adds anyway), and an extra entry read is harmless.
 */
function wantedState(requests: readonly SendRequest[]): { roomId: string; type: string; stateKey: string }[] {
  const wanted = new Map<string, { roomId: string; type: string; stateKey: string }>();
  for (const r of requests) {
    const keys = authKeys(PREFETCH_VERSION, r.sender, r.template);
    if (r.template.stateKey !== undefined)
      keys.push({ type: r.template.type, stateKey: r.template.stateKey });
    for (const k of keys)
      wanted.set(JSON.stringify([r.roomId, k.type, k.stateKey]), { roomId: r.roomId, ...k });
  }
  return [...wanted.values()];
}

function txnKey(roomId: string, txn: EventTxn): string {
  return JSON.stringify([roomId, txn.userId, txn.deviceId, txn.txnId]);
}
