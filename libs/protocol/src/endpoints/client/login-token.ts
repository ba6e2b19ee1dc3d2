import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v1/login/get_token". */
export const generateLoginToken: Endpoint = {
  operationId: 'generateLoginToken',
  method: 'POST',
  path: '/_matrix/client/v1/login/get_token',
  auth: 'access_token',
  section: 'login_token',
  rateLimited: true,
};

export interface LoginTokenResponse {
  login_token: string;
  /** "The time remaining in milliseconds until the homeserver will no longer accept the token." */
  expires_in_ms: number;
}
