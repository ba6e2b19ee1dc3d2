import { Injectable } from '@nestjs/common';
import {
  ClientEvent,
  IdentifiedPdu,
  JsonObject,
  MatrixError,
  parseEventId,
  parseRoomId,
  splitStateKey,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import {
  ClientEvents,
  historyVisibilityOf,
  RoomEventsQuery,
  RoomStateQuery,
  UserCan,
} from '@switchboard/rooms';
import { MembershipRow } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { BundledAggregations } from '../relations/bundled-aggregations.service';
import { parsePaginationToken } from '../timeline/pagination-token';
import { RoomStateAt } from '../timeline/room-state-at.service';

const MEMBERSHIPS: ReadonlySet<string> = new Set(['join', 'invite', 'knock', 'leave', 'ban']);

export interface MembersFilter {
  membership?: string;
  notMembership?: string;
}

/** client-server-api "Getting events for a room": single events, state and members. */
@Injectable()
export class RoomReadsService {
  constructor(
    private readonly rooms: RoomStateQuery,
    private readonly events: RoomEventsQuery,
    private readonly clientEvents: ClientEvents,
    private readonly userCan: UserCan,
    private readonly stateAt: RoomStateAt,
    private readonly aggregations: BundledAggregations,
  ) {}

  /**
   * GET /rooms/{roomId}/event/{eventId}: 404 M_NOT_FOUND when "The event was not found or you do
   * not have permission to read this event" (history visibility).
   */
  async event(requester: Requester, roomId: string, eventId: string): Promise<ClientEvent> {
    parseRoomId(roomId);
    parseEventId(eventId);
    await this.rooms.version(roomId);
    const row = await this.events.get(roomId, eventId);
    // The visible row may be a redacted copy (an erased sender's event).
    const [visible] = row ? await this.userCan.filterEvents(requester.userId, roomId, [row]) : [];
    if (!visible) throw new MatrixError('M_NOT_FOUND', 404, 'Event not found.');
    const served = await this.clientEvents.serialize([visible], requester);
    await this.aggregations.bundle([visible], served, requester);
    return served[0];
  }

  /** GET /rooms/{roomId}/state. */
  async state(requester: Requester, roomId: string): Promise<ClientEvent[]> {
    return this.serialize(requester, [...(await this.visibleState(requester, roomId)).values()]);
  }

  /** GET /rooms/{roomId}/state/{eventType}/{stateKey}: 404 M_NOT_FOUND when the room has no such state. */
  async stateEvent(requester: Requester, roomId: string, type: string, key: string): Promise<ClientEvent> {
    const event = (await this.visibleState(requester, roomId)).get(stateKey(type, key));
    if (!event) throw new MatrixError('M_NOT_FOUND', 404, 'Event not found.');
    const [served] = await this.serialize(requester, [event]);
    return served;
  }

  /**
   * GET /rooms/{roomId}/members: "When specified alongside `not_membership`, the two parameters
   * create an 'or' condition: either the membership *is* the same as `membership` **or** *is not*
   * the same as `not_membership`." `at` (a pagination token) picks an earlier point; a departed
   * member never sees past their leave.
   */
  async members(
    requester: Requester,
    roomId: string,
    filter: MembersFilter,
    at: string | undefined,
  ): Promise<ClientEvent[]> {
    for (const value of [filter.membership, filter.notMembership]) {
      if (value !== undefined && !MEMBERSHIPS.has(value)) {
        throw new MatrixError('M_INVALID_PARAM', 400, `Unknown membership ${value}`);
      }
    }
    const position = at === undefined ? undefined : parsePaginationToken(at, 'at');
    const end = await this.viewEnd(requester, roomId);
    let state: StateMap<string>;
    if (position !== undefined) {
      state = await this.stateAt.at(roomId, Math.min(position, end?.streamOrdering ?? position));
    } else {
      const events = end ? await this.rooms.afterEvent(end.eventId) : await this.rooms.current(roomId);
      state = new Map([...events].map(([key, event]) => [key, event.eventId]));
    }
    const memberIds = [...state]
      .filter(([key]) => splitStateKey(key)[0] === 'm.room.member')
      .map(([, id]) => id);
    const rows = (await this.events.getMany(memberIds)).filter((row) =>
      membershipMatches(filter, row.pdu.content.membership),
    );
    return this.clientEvents.serialize(rows, requester);
  }

  /** GET /rooms/{roomId}/joined_members: "The current user must be in the room for it to work". */
  async joinedMembers(requester: Requester, roomId: string): Promise<Record<string, JsonObject>> {
    parseRoomId(roomId);
    await this.rooms.version(roomId);
    const state = await this.rooms.current(roomId);
    if (state.get(stateKey('m.room.member', requester.userId))?.pdu.content.membership !== 'join') {
      throw new MatrixError('M_FORBIDDEN', 403, "You aren't a member of the room.");
    }
    const joined: Record<string, JsonObject> = {};
    for (const event of state.values()) {
      const { type, state_key: userId, content } = event.pdu;
      if (type !== 'm.room.member' || userId === undefined || content.membership !== 'join') continue;
      // Both keys always, null when unset, as Synapse answers (SyTest: "We always have these keys").
      joined[userId] = {
        display_name: typeof content.displayname === 'string' ? content.displayname : null,
        avatar_url: typeof content.avatar_url === 'string' ? content.avatar_url : null,
      };
    }
    return joined;
  }

  /**
   * Where the state a user may read ends: "If the user is joined to the room then the state is
   * taken from the current state of the room. If the user has left the room then the state is taken
   * from the state of the room when they left" (their member event, returned here; undefined for
   * the current state). Anyone else reads the current state of a world_readable room, and otherwise
   * gets 403 M_FORBIDDEN. A forgotten room is no longer readable ("a user will no longer be able to
   * retrieve history for this room").
   */
  private async viewEnd(requester: Requester, roomId: string): Promise<MembershipRow | undefined> {
    parseRoomId(roomId);
    await this.rooms.version(roomId);
    const membership = await this.rooms.membership(roomId, requester.userId);
    if (membership?.membership === 'join') return undefined;
    // "If the user has left the room": a banned user did not leave, and reads nothing (as Synapse).
    const departed = membership && !membership.forgotten && membership.membership === 'leave';
    if (departed) return membership;
    const current = await this.rooms.current(roomId);
    if (historyVisibilityOf(current) === 'world_readable') return undefined;
    throw new MatrixError(
      'M_FORBIDDEN',
      403,
      "You aren't a member of the room and weren't previously a member of the room.",
    );
  }

  private async visibleState(requester: Requester, roomId: string): Promise<StateMap<IdentifiedPdu>> {
    const end = await this.viewEnd(requester, roomId);
    return end ? this.rooms.afterEvent(end.eventId) : this.rooms.current(roomId);
  }

  private async serialize(requester: Requester, events: readonly IdentifiedPdu[]): Promise<ClientEvent[]> {
    const rows = await this.events.getMany(events.map((e) => e.eventId));
    return this.clientEvents.serialize(rows, requester);
  }
}

function membershipMatches(filter: MembersFilter, membership: unknown): boolean {
  const is = filter.membership !== undefined && membership === filter.membership;
  const isNot = filter.notMembership !== undefined && membership !== filter.notMembership;
  if (filter.membership !== undefined && filter.notMembership !== undefined) return is || isNot;
  if (filter.membership !== undefined) return is;
  if (filter.notMembership !== undefined) return isNot;
  return true;
}
