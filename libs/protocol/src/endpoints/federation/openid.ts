import { Endpoint } from '../endpoint.types';

/** server-server-api "GET /_matrix/federation/v1/openid/userinfo": the token is the only credential. */
export const exchangeOpenIdToken: Endpoint = {
  operationId: 'exchangeOpenIdToken',
  method: 'GET',
  path: '/_matrix/federation/v1/openid/userinfo',
  auth: 'none',
  section: 'openid',
};

export interface OpenIdUserInfo {
  sub: string;
}
