import { Injectable } from '@nestjs/common';
import {
  eventFilterLimit,
  JsonObject,
  lazyLoadOptions,
  matchesEventFilter,
  splitStateKey,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import { EventRow } from '@switchboard/storage';
import { EventSerializer } from '../../timeline/event-serializer.service';
import { encodePaginationToken } from '../../timeline/pagination-token';
import { RoomStateAt, stateDelta } from '../../timeline/room-state-at.service';
import { TimelineScanner } from '../../timeline/timeline-scan.service';
import { SyncRequest } from '../sync-stream';
import { filterableEvent } from '../../timeline/filterable-event';
import { memberState } from '../../timeline/member-state';
import { LazyMembersSent } from './lazy-members-sent';

/** What a room's /sync entry covers: its timeline in (after, upTo]. */
export interface RoomWindow {
  roomId: string;
  after: number;
  upTo: number;
  /** The whole state at the start of the timeline, not what changed since `after`. */
  fullState: boolean;
  /**
   * Joined since the client's `since`: the timeline is marked limited, so that the client
   * paginates the history it never had (Synapse marks a newly joined room's timeline so too).
   */
  newlyJoined?: boolean;
}

export interface RoomSections {
  timeline: { events: JsonObject[]; limited: boolean; prev_batch: string };
  /** Which of the two the state goes in: `state_after` when the request set `use_state_after`. */
  stateField: 'state' | 'state_after';
  state: { events: JsonObject[] };
  /** A member event is among them: the room summary may have changed. */
  membersChanged: boolean;
}

/** "Servers should apply a default value": the spec's examples and Synapse use 10. */
const TIMELINE_LIMITS = { defaultLimit: 10, maxLimit: 500 };
const MEMBER = 'm.room.member';

/**
 * The timeline and state of one room in /sync (client-server-api "Syncing"): `state` is the
 * state between `since` (or nothing) and the START of the returned timeline, so together they
 * give the state at its end; lazy loading keeps only the members the timeline needs.
 */
@Injectable()
export class RoomTimelineBuilder {
  constructor(
    private readonly scanner: TimelineScanner,
    private readonly stateAt: RoomStateAt,
    private readonly serializer: EventSerializer,
    private readonly sent: LazyMembersSent,
  ) {}

  /** Undefined when an incremental window holds nothing for this user. */
  async build(req: SyncRequest, window: RoomWindow): Promise<RoomSections | undefined> {
    const roomFilter = req.filter.room;
    const limit = eventFilterLimit(roomFilter?.timeline, TIMELINE_LIMITS);
    const [end, start] = await Promise.all([
      this.stateAt.at(window.roomId, window.upTo),
      window.fullState ? undefined : this.stateAt.at(window.roomId, window.after),
    ]);
    // One more than the limit: "limited" means that events the filter lets through were left
    // out, not that the range holds more events of any kind. State events still in the room's
    // current state are shown even from a time the user could not see the room (Synapse does
    // so, so that a client's view of the state at the end of the timeline is right).
    const scan = await this.scanner.scan(
      req.userId,
      window.roomId,
      { after: window.after, upTo: window.upTo },
      'b',
      limit + 1,
      roomFilter?.timeline,
      (row) => row.stateKey !== null && end.get(stateKey(row.type, row.stateKey)) === row.eventId,
    );
    const limited = scan.rows.length > limit || scan.next !== undefined || window.newlyJoined === true;
    const timeline = scan.rows.slice(0, limit).reverse();
    // `state` runs up to the start of the timeline, `state_after` up to its end.
    const boundary = timeline.length > 0 && !req.useStateAfter ? await this.stateAt.before(timeline[0]) : end;
    let state = start === undefined ? boundary : stateDelta(start, boundary);
    const lazy = lazyLoadOptions(roomFilter?.state);
    if (lazy.lazyLoadMembers) state = lazyMembers(state, boundary, timeline, req.userId, window.fullState);
    const dedupe = lazy.lazyLoadMembers && !lazy.includeRedundantMembers;
    if (dedupe && req.since !== undefined) state = this.unsent(req, window.roomId, state);
    const stateRows = (await this.stateAt.rows(state)).filter(
      (row) => !roomFilter?.state || matchesEventFilter(roomFilter.state, filterableEvent(row)),
    );
    if (dedupe) this.remember(req, [...stateRows, ...timeline]);
    if (!window.fullState && timeline.length === 0 && stateRows.length === 0) return undefined;
    const viewer = { userId: req.userId, deviceId: req.deviceId };
    const options = { withoutRoomId: true };
    return {
      timeline: {
        // Bundled aggregations "when the relevant section has a limited value of true".
        events: await this.serializer.serialize(timeline, viewer, req.filter, {
          ...options,
          bundleAggregations: limited,
        }),
        limited,
        prev_batch: encodePaginationToken(
          timeline.length > 0 ? timeline[0].streamOrdering! - 1 : window.upTo,
        ),
      },
      stateField: req.useStateAfter ? 'state_after' : 'state',
      state: { events: await this.serializer.serialize(stateRows, viewer, req.filter, options) },
      membersChanged: [...timeline, ...stateRows].some((row) => row.type === MEMBER),
    };
  }

  /** `state` without the member events this device was already sent: "redundant" members. */
  private unsent(req: SyncRequest, roomId: string, state: StateMap<string>): StateMap<string> {
    const out = new Map<string, string>();
    for (const [key, eventId] of state) {
      const [type, member] = splitStateKey(key);
      if (type !== MEMBER || !this.sent.wasSent(req.userId, req.deviceId, roomId, member, eventId))
        out.set(key, eventId);
    }
    return out;
  }

  /** The member events about to reach the device, in its state or its timeline. */
  private remember(req: SyncRequest, rows: readonly EventRow[]): void {
    for (const row of rows) {
      if (row.type === MEMBER && row.stateKey !== null)
        this.sent.remember(req.userId, req.deviceId, row.roomId, row.stateKey, row.eventId);
    }
  }
}

/**
 * client-server-api "Lazy-loading room members": only the members who sent timeline events (and,
 * with the full state, the syncing user), but every membership change in the gap of a limited
 * sync.
 */
function lazyMembers(
  state: StateMap<string>,
  boundary: StateMap<string>,
  timeline: readonly EventRow[],
  userId: string,
  fullState: boolean,
): StateMap<string> {
  const out = new Map<string, string>();
  for (const [key, eventId] of state) {
    if (fullState && splitStateKey(key)[0] === MEMBER) continue;
    out.set(key, eventId);
  }
  const senders = timeline.map((row) => row.sender);
  for (const [key, eventId] of memberState(boundary, fullState ? [...senders, userId] : senders))
    out.set(key, eventId);
  return out;
}
