import { Body, Controller, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  checkUsernameAvailability,
  MatrixError,
  register,
  RegisterResponse,
  UsernameAvailableResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, optionalQueryParam, queryParam } from '../accounts/request-body';
import { AppserviceCallerService } from '../auth/appservice-caller.service';
import { LOGIN_APPLICATION_SERVICE } from '../login/appservice-login.service';
import { AppserviceRegistrationService } from './appservice-registration.service';
import { RegistrationService } from './registration.service';

@Controller()
export class RegistrationController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly callers: AppserviceCallerService,
    private readonly appserviceRegistration: AppserviceRegistrationService,
  ) {}

  /**
   * POST /_matrix/client/v3/register
   * client-server-api "Account registration": `kind` is `user` (default) or `guest`. An
   * application service registers its users with `type: m.login.application_service` and its
   * as_token.
   */
  @MatrixRoute(register)
  register(
    @Req() request: FastifyRequest,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<RegisterResponse> {
    const kind = optionalQueryParam(query, 'kind') ?? 'user';
    if (kind !== 'user' && kind !== 'guest') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter kind must be "user" or "guest"');
    }
    const params = jsonObject(body);
    if (kind === 'user' && params.type === LOGIN_APPLICATION_SERVICE) {
      return this.appserviceRegistration.register(this.callers.asTokenCaller(request), params);
    }
    return this.registration.register(kind, params);
  }

  /**
   * GET /_matrix/client/v3/register/available
   * client-server-api "Account registration": 200 `{available: true}`, or M_INVALID_USERNAME / M_USER_IN_USE.
   */
  @MatrixRoute(checkUsernameAvailability)
  async available(@Query() query: unknown): Promise<UsernameAvailableResponse> {
    await this.registration.checkAvailable(queryParam(query, 'username'));
    return { available: true };
  }
}
