import { Injectable } from '@nestjs/common';
import { filterIncludesLeave, roomFilterIncludes } from '@switchboard/protocol';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { EventsRepository, MembershipRow, MembershipsRepository, Transactions } from '@switchboard/storage';
import { IgnoredUsers } from '../../account_data/ignored-users';
import { ROOM_START, RoomStateAt } from '../../timeline/room-state-at.service';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync-stream';
import { forEachBounded } from '../for-each-bounded';
import { SyncStreamProvider } from '../sync-stream-provider.decorator';
import { JoinedRoomBuilder } from './joined-room.builder';
import { LazyMembersSent } from './lazy-members-sent';
import { LeftRoomBuilder } from './left-room.builder';
import { StrippedStateBuilder } from './stripped-state.builder';

/** Rooms of one /sync built at the same time: each is a few reads of its own. */
const ROOMS_IN_FLIGHT = 4;

/**
 * The room-event stream of /sync: rooms.join, rooms.invite, rooms.leave and rooms.knock, from the
 * user's memberships as of the position the sync is computed up to. Fills `joinedRoomIds` (the
 * joined rooms the filter lets through) for the ephemeral streams that run after it.
 */
@SyncStreamProvider()
@Injectable()
export class RoomsStream implements SyncStream {
  readonly key = EVENTS_STREAM;

  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly stateAt: RoomStateAt,
    private readonly joinedRooms: JoinedRoomBuilder,
    private readonly leftRooms: LeftRoomBuilder,
    private readonly stripped: StrippedStateBuilder,
    private readonly ignoredUsers: IgnoredUsers,
    private readonly lazyMembersSent: LazyMembersSent,
  ) {}

  latest(): Promise<number> {
    return this.events.maxStreamOrdering(this.transactions.reader);
  }

  async full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    this.lazyMembersSent.forget(req.userId, req.deviceId);
    await forEachBounded(await this.rooms(req, to), ROOMS_IN_FLIGHT, async (row) => {
      if (row.membership === 'join') {
        out.joinedRoomIds.add(row.roomId);
        await this.joinedRooms.build(
          req,
          out,
          { roomId: row.roomId, after: ROOM_START, upTo: to, fullState: true },
          true,
        );
      } else if (row.membership === 'invite' || row.membership === 'knock') {
        await this.strippedRoom(out, row);
      } else if (filterIncludesLeave(req.filter)) {
        await this.leftRooms.build(req, out, row, ROOM_START);
      }
    });
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    const quiet: string[] = [];
    await forEachBounded(await this.rooms(req, to), ROOMS_IN_FLIGHT, async (row) => {
      const changed = row.streamOrdering > from;
      if (row.membership === 'join') {
        out.joinedRoomIds.add(row.roomId);
        if (from >= to && !req.fullState) return;
        // A room joined since `from` is new to the client: it gets the room as an initial sync would.
        // A changed member event while joined (a new display name) is only news in the timeline.
        const joinedSince =
          changed && (await this.stateAt.membershipAt(row.roomId, req.userId, from)) !== 'join';
        if (joinedSince || req.fullState) {
          const after = joinedSince ? ROOM_START : from;
          await this.joinedRooms.build(
            req,
            out,
            { roomId: row.roomId, after, upTo: to, fullState: true, newlyJoined: joinedSince },
            true,
          );
        } else {
          quiet.push(row.roomId);
        }
      } else if (changed && (row.membership === 'invite' || row.membership === 'knock')) {
        await this.strippedRoom(out, row);
      } else if (changed) {
        await this.leftRooms.build(req, out, row, from);
      }
    });
    const moved = await this.events.roomsWithEvents(this.transactions.reader, quiet, from, to);
    await forEachBounded(moved, ROOMS_IN_FLIGHT, (roomId) =>
      this.joinedRooms.build(req, out, { roomId, after: from, upTo: to, fullState: false }, false),
    );
  }

  /**
   * The user's rooms that the filter keeps, as of `to`. A membership that changed after `to` is
   * left for the next sync, which sees it as a change. "Servers must not send room invites from
   * ignored users to clients."
   */
  private async rooms(req: SyncRequest, to: number): Promise<MembershipRow[]> {
    const [rows, ignored] = await Promise.all([
      this.memberships.forUser(this.transactions.reader, req.userId),
      this.ignoredUsers.of(req.userId),
    ]);
    return rows
      .filter((row) => row.streamOrdering <= to && roomFilterIncludes(req.filter.room, row.roomId))
      .filter((row) => !(row.membership === 'invite' && ignored.has(row.sender)))
      .sort((a, b) => a.streamOrdering - b.streamOrdering);
  }

  private async strippedRoom(out: SyncResponseBuilder, row: MembershipRow): Promise<void> {
    const events = await this.stripped.build(row);
    const rooms = (out.body.rooms ??= {});
    if (row.membership === 'invite') (rooms.invite ??= {})[row.roomId] = { invite_state: { events } };
    else (rooms.knock ??= {})[row.roomId] = { knock_state: { events } };
  }
}
