import { Endpoint } from '../endpoint.types';

const requestToken = (operationId: string, path: string, section: string): Endpoint => ({
  operationId,
  method: 'POST',
  path,
  auth: 'none',
  section,
  rateLimited: true,
});

/** client-server-api "POST /_matrix/client/v3/register/msisdn/requestToken". */
export const requestTokenToRegisterMSISDN = requestToken(
  'requestTokenToRegisterMSISDN',
  '/_matrix/client/v3/register/msisdn/requestToken',
  'registration',
);
/** client-server-api "POST /_matrix/client/v3/account/3pid/msisdn/requestToken". */
export const requestTokenTo3PIDMSISDN = requestToken(
  'requestTokenTo3PIDMSISDN',
  '/_matrix/client/v3/account/3pid/msisdn/requestToken',
  'administrative_contact',
);
/** client-server-api "POST /_matrix/client/v3/account/password/msisdn/requestToken". */
export const requestTokenToResetPasswordMSISDN = requestToken(
  'requestTokenToResetPasswordMSISDN',
  '/_matrix/client/v3/account/password/msisdn/requestToken',
  'password_management',
);
