import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/joined_rooms". */
export const getJoinedRooms: Endpoint = {
  operationId: 'getJoinedRooms',
  method: 'GET',
  path: '/_matrix/client/v3/joined_rooms',
  auth: 'access_token',
  section: 'list_joined_rooms',
};
