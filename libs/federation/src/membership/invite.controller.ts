import { Body, Controller, Param } from '@nestjs/common';
import { MatrixError, Pdu, sendInviteV1, sendInviteV2 } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { RoomStateQuery } from '@switchboard/rooms';
import { Origin } from '../auth/origin.decorator';
import { requireAclAllows } from '../inbound/room-acl';
import { InviteReceiver } from './invite-receiver.service';

@Controller()
export class InviteController {
  constructor(
    private readonly receiver: InviteReceiver,
    private readonly state: RoomStateQuery,
  ) {}

  /**
   * PUT /_matrix/federation/v2/invite/{roomId}/{eventId} — server-server-api "Inviting to a
   * room": `{room_version, event, invite_room_state}`.
   */
  @MatrixRoute(sendInviteV2)
  async sendInviteV2(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<{ event: Pdu }> {
    const request = asObject(body);
    requireAclAllows(await this.state.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    if (typeof request.room_version !== 'string') {
      throw new MatrixError('M_MISSING_PARAM', 400, 'room_version is required');
    }
    const event = await this.receiver.receive(origin, {
      roomId,
      eventId,
      roomVersion: request.room_version,
      event: request.event,
      inviteRoomState: request.invite_room_state,
    });
    return { event };
  }

  /**
   * PUT /_matrix/federation/v1/invite/{roomId}/{eventId}: the body is the event, with the
   * stripped state in unsigned.invite_room_state; only for rooms of version 1 and 2 ("servers
   * should use v2 for other versions"), so the room version is 1 or 2 as the event ID tells.
   */
  @MatrixRoute(sendInviteV1)
  async sendInviteV1(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<[number, { event: Pdu }]> {
    const event = asObject(body);
    requireAclAllows(await this.state.currentEvent(roomId, 'm.room.server_acl', ''), origin);
    const unsigned = asObject(event.unsigned ?? {});
    const signed = await this.receiver.receive(origin, {
      roomId,
      eventId,
      roomVersion: '1',
      event,
      inviteRoomState: unsigned.invite_room_state,
    });
    return [200, { event: signed }];
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MatrixError('M_NOT_JSON', 400, 'The body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
