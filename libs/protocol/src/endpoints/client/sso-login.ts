import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/login/sso/redirect". */
export const redirectToSSO: Endpoint = {
  operationId: 'redirectToSSO',
  method: 'GET',
  path: '/_matrix/client/v3/login/sso/redirect',
  auth: 'none',
  section: 'sso_login_redirect',
};
