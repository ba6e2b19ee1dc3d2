import { Body, Controller, Param } from '@nestjs/common';
import {
  exchangeThirdPartyInvite,
  JsonObject,
  MatrixError,
  onBindThirdPartyIdentifier,
  onBindThirdPartyIdentifierPost,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { BoundInvite, ThirdPartyInvites } from './third-party-invites.service';

@Controller()
export class ThirdPartyInviteController {
  constructor(private readonly invites: ThirdPartyInvites) {}

  /** PUT /_matrix/federation/v1/3pid/onbind — `{medium, address, mxid, invites}` from an identity server. */
  @MatrixRoute(onBindThirdPartyIdentifier)
  async onBind(@Body() body: unknown): Promise<object> {
    const request = objectOf(body, 'The body');
    if (!Array.isArray(request.invites)) {
      throw new MatrixError('M_MISSING_PARAM', 400, 'invites is required');
    }
    await this.invites.onBind(
      request.invites.map((invite) => {
        const entry = objectOf(invite, 'Each invite');
        return {
          roomId: stringOf(entry, 'room_id'),
          sender: stringOf(entry, 'sender'),
          mxid: stringOf(entry, 'mxid'),
          signed: objectOf(entry.signed, 'signed'),
        };
      }),
    );
    return {};
  }

  @MatrixRoute(onBindThirdPartyIdentifierPost)
  onBindPost(@Body() body: unknown): Promise<object> {
    return this.onBind(body);
  }

  /** PUT /_matrix/federation/v1/exchange_third_party_invite/{roomId} — a partial m.room.member invite. */
  @MatrixRoute(exchangeThirdPartyInvite)
  async exchange(@Param('roomId') roomId: string, @Body() body: unknown): Promise<object> {
    await this.invites.onExchange(partialInvite(roomId, objectOf(body, 'The body')));
    return {};
  }
}

/** "The event type. Must be m.room.member"; room_id "Must match the ID given in the path"; membership "Must be invite". */
function partialInvite(roomId: string, event: JsonObject): BoundInvite {
  if (event.type !== 'm.room.member')
    throw new MatrixError('M_INVALID_PARAM', 400, 'type must be m.room.member');
  if (event.room_id !== roomId)
    throw new MatrixError('M_INVALID_PARAM', 400, 'room_id does not match the path');
  const content = objectOf(event.content, 'content');
  if (content.membership !== 'invite')
    throw new MatrixError('M_INVALID_PARAM', 400, 'membership must be invite');
  const thirdPartyInvite = objectOf(content.third_party_invite, 'third_party_invite');
  return {
    roomId,
    sender: stringOf(event, 'sender'),
    mxid: stringOf(event, 'state_key'),
    signed: objectOf(thirdPartyInvite.signed, 'signed'),
  };
}

function objectOf(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MatrixError('M_BAD_JSON', 400, `${what} must be a JSON object`);
  return value as JsonObject;
}

function stringOf(object: JsonObject, field: string): string {
  const value = object[field];
  if (typeof value !== 'string') throw new MatrixError('M_MISSING_PARAM', 400, `${field} is required`);
  return value;
}
