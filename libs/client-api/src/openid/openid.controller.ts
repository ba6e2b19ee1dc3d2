import { Body, Controller, Param } from '@nestjs/common';
import { OpenIdToken, requestOpenIdToken } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { OpenIdTokensService } from './openid-tokens.service';

@Controller()
export class OpenIdController {
  constructor(private readonly tokens: OpenIdTokensService) {}

  /** POST /_matrix/client/v3/user/{userId}/openid/request_token — client-server-api "OpenID". */
  @MatrixRoute(requestOpenIdToken)
  requestOpenIdToken(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<OpenIdToken> {
    // "The request body is an empty JSON object", which clients sometimes leave out.
    jsonObject(body, { orEmpty: true });
    return this.tokens.issue(requester, userId);
  }
}
