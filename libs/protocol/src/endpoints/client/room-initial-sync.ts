import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/initialSync" (deprecated but for peeking). */
export const roomInitialSync: Endpoint = {
  operationId: 'roomInitialSync',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/initialSync',
  auth: 'access_token',
  section: 'room_initial_sync',
};
