import { Body, Controller } from '@nestjs/common';
import {
  MatrixError,
  requestTokenTo3PIDMSISDN,
  requestTokenToRegisterMSISDN,
  requestTokenToResetPasswordMSISDN,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';

/**
 * The phone-number validations of registration, account contacts and password reset. This server
 * sends no SMS, so phone numbers are a medium it does not support: 400
 * M_THREEPID_MEDIUM_NOT_SUPPORTED ("The homeserver does not support adding a third party
 * identifier of the given medium"), after the body is found to be JSON.
 */
@Controller()
export class MsisdnRequestTokenController {
  /** POST /_matrix/client/v3/register/msisdn/requestToken. */
  @MatrixRoute(requestTokenToRegisterMSISDN)
  register(@Body() body: unknown): never {
    throw unsupported(body);
  }

  /** POST /_matrix/client/v3/account/3pid/msisdn/requestToken. */
  @MatrixRoute(requestTokenTo3PIDMSISDN)
  addContact(@Body() body: unknown): never {
    throw unsupported(body);
  }

  /** POST /_matrix/client/v3/account/password/msisdn/requestToken. */
  @MatrixRoute(requestTokenToResetPasswordMSISDN)
  resetPassword(@Body() body: unknown): never {
    throw unsupported(body);
  }
}

function unsupported(body: unknown): MatrixError {
  jsonObject(body);
  return new MatrixError(
    'M_THREEPID_MEDIUM_NOT_SUPPORTED',
    400,
    'This server does not validate phone numbers.',
  );
}
