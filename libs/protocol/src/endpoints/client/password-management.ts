import { Endpoint } from '../endpoint.types';
import { AuthenticationData } from './user-interactive-auth';

/** client-server-api "POST /_matrix/client/v3/account/password". */
export const changePassword: Endpoint = {
  operationId: 'changePassword',
  method: 'POST',
  path: '/_matrix/client/v3/account/password',
  auth: 'optional_access_token',
  section: 'password_management',
  rateLimited: true,
};

export interface ChangePasswordRequest {
  new_password: string;
  /** Defaults to `true`. */
  logout_devices?: boolean;
  auth?: AuthenticationData;
}

/** client-server-api "POST /_matrix/client/v3/account/password/email/requestToken". */
export const requestTokenToResetPasswordEmail: Endpoint = {
  operationId: 'requestTokenToResetPasswordEmail',
  method: 'POST',
  path: '/_matrix/client/v3/account/password/email/requestToken',
  auth: 'none',
  section: 'password_management',
  rateLimited: true,
};
