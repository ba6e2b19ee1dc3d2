import { Body, Controller, Param } from '@nestjs/common';
import {
  getPresence,
  GetPresenceResponse,
  MatrixError,
  PRESENCE_STATES,
  PresenceState,
  setPresence,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { PresenceService } from './presence.service';

type Empty = Record<string, never>;

@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  /** GET /_matrix/client/v3/presence/{userId}/status — client-server-api "Presence". */
  @MatrixRoute(getPresence)
  getPresence(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
  ): Promise<GetPresenceResponse> {
    return this.presence.get(requester, userId);
  }

  /** PUT /_matrix/client/v3/presence/{userId}/status — client-server-api "Presence"; only your own. */
  @MatrixRoute(setPresence)
  async setPresence(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const request = jsonObject(body);
    const presence = stringField(request, 'presence', { required: true });
    if (!(PRESENCE_STATES as readonly string[]).includes(presence)) {
      throw new MatrixError('M_INVALID_PARAM', 400, `presence must be one of ${PRESENCE_STATES.join(', ')}`);
    }
    const statusMsg = stringField(request, 'status_msg') ?? null;
    await this.presence.set(requester, userId, presence as PresenceState, statusMsg);
    return {};
  }
}
