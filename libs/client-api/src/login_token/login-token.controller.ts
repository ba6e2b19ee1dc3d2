import { Body, Controller } from '@nestjs/common';
import { generateLoginToken, LoginTokenResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { LoginTokenService } from './login-token.service';

@Controller()
export class LoginTokenController {
  constructor(private readonly tokens: LoginTokenService) {}

  /** POST /_matrix/client/v1/login/get_token — client-server-api "Login" (m.login.token). */
  @MatrixRoute(generateLoginToken)
  generateLoginToken(@Requester() requester: Requester, @Body() body: unknown): Promise<LoginTokenResponse> {
    return this.tokens.generate(requester, jsonObject(body, { orEmpty: true }).auth);
  }
}
