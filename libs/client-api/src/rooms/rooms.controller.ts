import { Controller, Param, Query } from '@nestjs/common';
import {
  ClientEvent,
  getJoinedMembersByRoom,
  getMembersByRoom,
  getOneRoomEvent,
  getRoomState,
  getRoomStateWithKey,
  JsonObject,
  MatrixError,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { RoomReadsService } from './room-reads.service';

@Controller()
export class RoomsController {
  constructor(private readonly reads: RoomReadsService) {}

  /** GET /_matrix/client/v3/rooms/{roomId}/event/{eventId} — client-server-api "Getting events for a room"; 404 M_NOT_FOUND. */
  @MatrixRoute(getOneRoomEvent)
  getOneRoomEvent(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
  ): Promise<ClientEvent> {
    return this.reads.event(requester, roomId, eventId);
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey} — client-server-api "Getting
   * events for a room"; `format=content` (default) or `event`. 403 M_FORBIDDEN, 404 M_NOT_FOUND.
   */
  @MatrixRoute(getRoomStateWithKey)
  async getRoomStateWithKey(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventType') eventType: string,
    @Param('stateKey') stateKey: string | undefined,
    @Query() query: unknown,
  ): Promise<ClientEvent | JsonObject> {
    const format = optionalQueryParam(query, 'format') ?? 'content';
    if (format !== 'content' && format !== 'event') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'format must be content or event');
    }
    const event = await this.reads.stateEvent(requester, roomId, eventType, stateKey ?? '');
    return format === 'event' ? event : event.content;
  }

  /** GET /_matrix/client/v3/rooms/{roomId}/state — client-server-api "Getting events for a room"; 403 M_FORBIDDEN. */
  @MatrixRoute(getRoomState)
  getRoomState(@Requester() requester: Requester, @Param('roomId') roomId: string): Promise<ClientEvent[]> {
    return this.reads.state(requester, roomId);
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/members — client-server-api "Getting events for a room";
   * `at`, `membership`, `not_membership`. 403 M_FORBIDDEN, 400 M_INVALID_PARAM for a bad token.
   */
  @MatrixRoute(getMembersByRoom)
  async getMembersByRoom(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<{ chunk: ClientEvent[] }> {
    const filter = {
      membership: optionalQueryParam(query, 'membership'),
      notMembership: optionalQueryParam(query, 'not_membership'),
    };
    return { chunk: await this.reads.members(requester, roomId, filter, optionalQueryParam(query, 'at')) };
  }

  /** GET /_matrix/client/v3/rooms/{roomId}/joined_members — client-server-api "Getting events for a room"; 403 M_FORBIDDEN. */
  @MatrixRoute(getJoinedMembersByRoom)
  async getJoinedMembersByRoom(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
  ): Promise<{ joined: Record<string, JsonObject> }> {
    return { joined: await this.reads.joinedMembers(requester, roomId) };
  }
}
