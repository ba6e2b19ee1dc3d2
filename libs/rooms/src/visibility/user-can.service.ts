import { Injectable } from '@nestjs/common';
import { IdentifiedPdu, redact, roomVersion, StateMap } from '@switchboard/protocol';
import {
  AccountsRepository,
  EventRow,
  EventsRepository,
  MembershipsRepository,
  Queryable,
  RoomsRepository,
  StateSnapshotsRepository,
  Transactions,
} from '@switchboard/storage';
import { EventCache } from '../query/event-cache';
import { canSeeEvent, historyVisibilityOf, joinedAfter, membershipOf } from './user-can';

/** What the server knows of a user's membership in a room, for rule 3 of history visibility. */
export interface MembershipHistory {
  /** Undefined when the user never had a member event in the room. */
  current: string | undefined;
  /** The membership the current member event replaced. */
  previous: string | undefined;
  /** Stream position of the current member event. */
  position: number;
  /** POST /forget: "After this API is called, however, a user will no longer be able to retrieve history". */
  forgotten: boolean;
}

/**
 * Loads what canSeeEvent needs (the state before each event, the user's membership history) and
 * answers "may this user see these events" (modules/history_visibility "Server behaviour").
 */
@Injectable()
export class UserCan {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly snapshots: StateSnapshotsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly cache: EventCache,
    private readonly accounts: AccountsRepository,
    private readonly rooms: RoomsRepository,
  ) {}

  private get q(): Queryable {
    return this.transactions.reader;
  }

  async membershipHistory(roomId: string, userId: string): Promise<MembershipHistory | undefined> {
    const row = await this.memberships.get(this.q, roomId, userId);
    if (!row) return undefined;
    const memberEvent = await this.events.get(this.q, row.eventId);
    const replaced = memberEvent?.replacesState
      ? (await this.cache.getMany(this.q, [memberEvent.replacesState])).get(memberEvent.replacesState)
      : undefined;
    const previous = replaced?.pdu.content.membership;
    return {
      current: row.membership,
      previous: typeof previous === 'string' ? previous : undefined,
      position: row.streamOrdering,
      forgotten: row.forgotten,
    };
  }

  /**
   * The events of one room, in the order given, that `userId` may see. An event whose sender was
   * erased (POST /account/deactivate with `erase`: "the server should ... not show messages it has
   * sent to users who join the room later") is returned redacted, as a new row, to a user who was
   * not joined when it was sent.
   */
  async filterEvents(userId: string, roomId: string, rows: readonly EventRow[]): Promise<EventRow[]> {
    const [history, erased] = await Promise.all([
      this.membershipHistory(roomId, userId),
      this.erasedSenders(rows),
    ]);
    const states = new Map<number | null, StateMap<IdentifiedPdu>>();
    const visible: EventRow[] = [];
    for (const row of rows) {
      let before = states.get(row.snapshotBefore);
      if (!before) {
        before = await this.stateOfSnapshot(row.snapshotBefore);
        states.set(row.snapshotBefore, before);
      }
      const event = { eventId: row.eventId, pdu: row.pdu };
      const allowed = history?.forgotten
        ? historyVisibilityOf(before) === 'world_readable'
        : canSeeEvent(
            userId,
            event,
            before,
            joinedAfter(row.streamOrdering ?? Number.MAX_SAFE_INTEGER, history),
          );
      if (!allowed) continue;
      const prune = erased.has(row.sender) && membershipOf(before, userId) !== 'join';
      visible.push(prune ? await this.pruned(row) : row);
    }
    return visible;
  }

  private erasedSenders(rows: readonly EventRow[]): Promise<Set<string>> {
    return this.accounts.erasedAmong(this.q, [...new Set(rows.map((r) => r.sender))]);
  }

  private async pruned(row: EventRow): Promise<EventRow> {
    const room = await this.rooms.get(this.q, row.roomId);
    const version = room ? roomVersion(room.roomVersion) : undefined;
    return version ? { ...row, pdu: redact(row.pdu, version) } : row;
  }

  async canSee(userId: string, row: EventRow): Promise<boolean> {
    return (await this.filterEvents(userId, row.roomId, [row])).length === 1;
  }

  /** The state a snapshot holds, as events; an empty map for the create event's null snapshot. */
  async stateOfSnapshot(snapshotId: number | null): Promise<StateMap<IdentifiedPdu>> {
    if (snapshotId === null) return new Map();
    const ids = await this.snapshots.load(this.q, snapshotId);
    return this.cache.stateEvents(this.q, ids);
  }
}
