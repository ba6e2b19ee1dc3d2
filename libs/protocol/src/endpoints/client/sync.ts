import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/sync". */
export const sync: Endpoint = {
  operationId: 'sync',
  method: 'GET',
  path: '/_matrix/client/v3/sync',
  auth: 'access_token',
  section: 'sync',
};
