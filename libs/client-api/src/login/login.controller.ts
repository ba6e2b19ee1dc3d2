import { Body, Controller, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { getLoginFlows, login, LoginFlowsResponse, LoginResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { LoginService } from './login.service';

@Controller()
export class LoginController {
  constructor(private readonly logins: LoginService) {}

  /**
   * GET /_matrix/client/v3/login
   * client-server-api "Login": the login types this server supports.
   */
  @MatrixRoute(getLoginFlows)
  getLoginFlows(): LoginFlowsResponse {
    return { flows: this.logins.flows() };
  }

  /**
   * POST /_matrix/client/v3/login
   * client-server-api "Login": 403 M_FORBIDDEN for wrong credentials, M_USER_DEACTIVATED for a
   * deactivated account. The request's access token is read only for `m.login.application_service`.
   */
  @MatrixRoute(login)
  login(@Req() request: FastifyRequest, @Body() body: unknown): Promise<LoginResponse> {
    return this.logins.login(jsonObject(body), request);
  }
}
