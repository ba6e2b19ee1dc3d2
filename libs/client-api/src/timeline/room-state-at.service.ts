import { Injectable } from '@nestjs/common';
import { StateMap, stateKey } from '@switchboard/protocol';
import { EventRow, EventsRepository, StateSnapshotsRepository, Transactions } from '@switchboard/storage';

/** Far below any stream position: "from the start of the room". */
export const ROOM_START = -Number.MAX_SAFE_INTEGER;

/**
 * A room's state at points of its timeline, as state key → event ID. Read through snapshots, so a
 * /sync computed up to position N shows the state at N even when current state has moved on.
 */
@Injectable()
export class RoomStateAt {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly snapshots: StateSnapshotsRepository,
  ) {}

  /** The state just before an event. */
  async before(row: EventRow): Promise<StateMap<string>> {
    return row.snapshotBefore === null
      ? new Map()
      : this.snapshots.load(this.transactions.reader, row.snapshotBefore);
  }

  /** The state after the room's last event at or before `position` (empty before the room existed). */
  async at(roomId: string, position: number): Promise<StateMap<string>> {
    const [last] = await this.events.timeline(this.transactions.reader, roomId, {
      after: ROOM_START,
      upTo: position,
      limit: 1,
      newestFirst: true,
    });
    if (!last) return new Map();
    const state = new Map(await this.before(last));
    if (last.stateKey !== null) state.set(stateKey(last.type, last.stateKey), last.eventId);
    return state;
  }

  /** A user's membership in the room at `position` ('leave' when they had no member event). */
  async membershipAt(roomId: string, userId: string, position: number): Promise<string> {
    const eventId = (await this.at(roomId, position)).get(stateKey('m.room.member', userId));
    const event = eventId === undefined ? null : await this.events.get(this.transactions.reader, eventId);
    const membership = event?.pdu.content.membership;
    return typeof membership === 'string' ? membership : 'leave';
  }

  /** The stored rows of some state, in a stable order (by state key). */
  async rows(state: StateMap<string>): Promise<EventRow[]> {
    const keys = [...state.keys()].sort();
    const found = await this.events.getMany(
      this.transactions.reader,
      keys.map((k) => state.get(k)!),
    );
    return keys.map((k) => found.get(state.get(k)!)).filter((row): row is EventRow => row !== undefined);
  }
}

/** Entries of `to` that `from` lacks or holds differently: what a client that had `from` must learn. */
export function stateDelta(from: StateMap<string>, to: StateMap<string>): StateMap<string> {
  const delta = new Map<string, string>();
  for (const [key, eventId] of to) if (from.get(key) !== eventId) delta.set(key, eventId);
  return delta;
}
