import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  IdentifiedPdu,
  makeKnock,
  Pdu,
  sendKnock,
  STRIPPED_STATE_TYPES,
  stateKey,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import {
  MembershipAccept,
  MembershipTemplate,
  MembershipTemplates,
  RoomStateQuery,
} from '@switchboard/rooms';
import { Origin } from '../auth/origin.decorator';
import { requireAclAllows } from '../inbound/room-acl';
import { MembershipBroadcast } from './membership-broadcast';

/** The resident server's end of server-server-api "Knocking upon a room". */
@Controller()
export class KnockController {
  constructor(
    private readonly templates: MembershipTemplates,
    private readonly accept: MembershipAccept,
    private readonly rooms: RoomStateQuery,
    private readonly broadcast: MembershipBroadcast,
  ) {}

  /** GET /_matrix/federation/v1/make_knock/{roomId}/{userId}; `ver` is required here. */
  @MatrixRoute(makeKnock)
  async makeKnock(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('userId') userId: string,
    @Query('ver') ver: unknown,
  ): Promise<MembershipTemplate> {
    requireAclAllows(await this.rooms.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    const supported = ver === undefined ? [] : ([] as unknown[]).concat(ver).map(String);
    return this.templates.template(origin, roomId, userId, 'knock', supported);
  }

  /**
   * PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId}: "knock_room_state", the events the
   * knocking user sees the room by; since v1.16 full events, m.room.create among them.
   */
  @MatrixRoute(sendKnock)
  async sendKnock(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<{ knock_room_state: Pdu[] }> {
    requireAclAllows(await this.rooms.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    await this.accept.accept(origin, roomId, eventId, body, 'knock');
    await this.broadcast.toRoom(roomId, eventId, origin);
    const state = await this.rooms.current(roomId);
    const knockRoomState = STRIPPED_STATE_TYPES.map((type) => state.get(stateKey(type, ''))).filter(
      (e): e is IdentifiedPdu => e !== undefined,
    );
    return { knock_room_state: knockRoomState.map((e) => e.pdu) };
  }
}
