import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/login/sso/redirect". */
export const redirectToSSO: Endpoint = {
  operationId: 'redirectToSSO',
  method: 'GET',
  path: '/_matrix/client/v3/login/sso/redirect',
  auth: 'none',
  section: 'sso_login_redirect',
};

/** client-server-api "GET /_matrix/client/v3/login/sso/redirect/{idpId}": one identity provider of m.login.sso. */
export const redirectToIdP: Endpoint = {
  operationId: 'redirectToIdP',
  method: 'GET',
  path: '/_matrix/client/v3/login/sso/redirect/{idpId}',
  auth: 'none',
  section: 'sso_login_redirect',
};
