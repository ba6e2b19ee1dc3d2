import { Endpoint } from '../endpoint.types';

/** client-server-api "PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId}". */
export const setTyping: Endpoint = {
  operationId: 'setTyping',
  method: 'PUT',
  path: '/_matrix/client/v3/rooms/{roomId}/typing/{userId}',
  auth: 'access_token',
  section: 'typing',
  rateLimited: true,
};
