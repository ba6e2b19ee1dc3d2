import { Body, Controller, Inject, Param, Query } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  makeJoin,
  makeLeave,
  Pdu,
  sendJoinV1,
  sendJoinV2,
  sendLeaveV1,
  sendLeaveV2,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import {
  AcceptedMembership,
  MembershipAccept,
  MembershipTemplate,
  MembershipTemplates,
  RoomStateQuery,
} from '@switchboard/rooms';
import { Origin } from '../auth/origin.decorator';
import { requireAclAllows } from '../inbound/room-acl';
import { MembershipBroadcast } from './membership-broadcast';

interface SendJoinResponse {
  origin: string;
  state: Pdu[];
  auth_chain: Pdu[];
  event: Pdu;
  members_omitted: boolean;
}

type Empty = Record<string, never>;

/**
 * The resident server's end of server-server-api "Joining Rooms" and "Leaving Rooms (Rejecting
 * Invites)". The v1 send endpoints, gone from the spec but still called, wrap the same answer in
 * `[200, ...]` (MSC1802).
 */
@Controller()
export class MembershipController {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly templates: MembershipTemplates,
    private readonly accept: MembershipAccept,
    private readonly broadcast: MembershipBroadcast,
    private readonly state: RoomStateQuery,
  ) {}

  /** GET /_matrix/federation/v1/make_join/{roomId}/{userId}; `ver` "defaults to [1]". */
  @MatrixRoute(makeJoin)
  async makeJoin(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('userId') userId: string,
    @Query('ver') ver: unknown,
  ): Promise<MembershipTemplate> {
    requireAclAllows(await this.state.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    const supported = ver === undefined ? ['1'] : ([] as unknown[]).concat(ver).map(String);
    return this.templates.template(origin, roomId, userId, 'join', supported);
  }

  /** PUT /_matrix/federation/v2/send_join/{roomId}/{eventId}; `omit_members` is not honoured. */
  @MatrixRoute(sendJoinV2)
  sendJoinV2(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<SendJoinResponse> {
    return this.sendJoin(origin, roomId, eventId, body);
  }

  /** PUT /_matrix/federation/v1/send_join/{roomId}/{eventId} */
  @MatrixRoute(sendJoinV1)
  async sendJoinV1(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<[number, SendJoinResponse]> {
    return [200, await this.sendJoin(origin, roomId, eventId, body)];
  }

  /** GET /_matrix/federation/v1/make_leave/{roomId}/{userId} */
  @MatrixRoute(makeLeave)
  async makeLeave(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('userId') userId: string,
  ): Promise<MembershipTemplate> {
    requireAclAllows(await this.state.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    return this.templates.template(origin, roomId, userId, 'leave');
  }

  /** PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId} */
  @MatrixRoute(sendLeaveV2)
  async sendLeaveV2(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.acceptAndBroadcast(origin, roomId, eventId, body, 'leave');
    return {};
  }

  /** PUT /_matrix/federation/v1/send_leave/{roomId}/{eventId} */
  @MatrixRoute(sendLeaveV1)
  async sendLeaveV1(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<[number, Empty]> {
    await this.acceptAndBroadcast(origin, roomId, eventId, body, 'leave');
    return [200, {}];
  }

  private async sendJoin(
    origin: string,
    roomId: string,
    eventId: string,
    body: unknown,
  ): Promise<SendJoinResponse> {
    const accepted = await this.acceptAndBroadcast(origin, roomId, eventId, body, 'join');
    return {
      origin: this.config.server_name,
      state: accepted.state,
      auth_chain: accepted.authChain,
      event: accepted.event,
      members_omitted: false,
    };
  }

  private async acceptAndBroadcast(
    origin: string,
    roomId: string,
    eventId: string,
    body: unknown,
    membership: 'join' | 'leave',
  ): Promise<AcceptedMembership> {
    requireAclAllows(await this.state.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    const accepted = await this.accept.accept(origin, roomId, eventId, body, membership);
    await this.broadcast.toRoom(roomId, eventId, origin);
    return accepted;
  }
}
