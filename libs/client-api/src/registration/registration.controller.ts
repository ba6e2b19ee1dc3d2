import { Body, Controller, Query } from '@nestjs/common';
import {
  checkUsernameAvailability,
  MatrixError,
  register,
  RegisterResponse,
  UsernameAvailableResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, optionalQueryParam, queryParam } from '../accounts/request-body';
import { RegistrationService } from './registration.service';

@Controller()
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  /**
   * POST /_matrix/client/v3/register
   * client-server-api "Account registration": `kind` is `user` (default) or `guest`.
   */
  @MatrixRoute(register)
  register(@Query() query: unknown, @Body() body: unknown): Promise<RegisterResponse> {
    const kind = optionalQueryParam(query, 'kind') ?? 'user';
    if (kind !== 'user' && kind !== 'guest') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter kind must be "user" or "guest"');
    }
    return this.registration.register(kind, jsonObject(body));
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
