import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/logout". */
export const logout: Endpoint = {
  operationId: 'logout',
  method: 'POST',
  path: '/_matrix/client/v3/logout',
  auth: 'access_token',
  section: 'logout',
};

/** client-server-api "POST /_matrix/client/v3/logout/all". */
export const logoutAll: Endpoint = {
  operationId: 'logout_all',
  method: 'POST',
  path: '/_matrix/client/v3/logout/all',
  auth: 'access_token',
  section: 'logout',
};
