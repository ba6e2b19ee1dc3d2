import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/notifications". */
export const getNotifications: Endpoint = {
  operationId: 'getNotifications',
  method: 'GET',
  path: '/_matrix/client/v3/notifications',
  auth: 'access_token',
  section: 'notifications',
};
