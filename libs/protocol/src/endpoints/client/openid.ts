import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/user/{userId}/openid/request_token". */
export const requestOpenIdToken: Endpoint = {
  operationId: 'requestOpenIdToken',
  method: 'POST',
  path: '/_matrix/client/v3/user/{userId}/openid/request_token',
  auth: 'access_token',
  section: 'openid',
  rateLimited: true,
};

/** definitions/openid_token.yaml, the answer of request_token. */
export interface OpenIdToken {
  access_token: string;
  token_type: 'Bearer';
  matrix_server_name: string;
  expires_in: number;
}
