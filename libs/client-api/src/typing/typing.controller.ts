import { Body, Controller, Param } from '@nestjs/common';
import { MatrixError, setTyping } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { booleanField, jsonObject, numberField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { TypingService } from './typing.service';

type Empty = Record<string, never>;

@Controller()
export class TypingController {
  constructor(private readonly typing: TypingService) {}

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId} — client-server-api "Typing
   * Notifications"; only for yourself, in a room you are joined to.
   */
  @MatrixRoute(setTyping)
  async setTyping(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const request = jsonObject(body);
    const typing = booleanField(request, 'typing');
    if (typing === undefined) throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: typing');
    await this.typing.setTyping(
      requester,
      roomId,
      userId,
      typing,
      numberField(request, 'timeout', { integer: true }),
    );
    return {};
  }
}
