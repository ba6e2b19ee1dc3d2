import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/kick". */
export const kick: Endpoint = {
  operationId: 'kick',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/kick',
  auth: 'access_token',
  section: 'kicking',
};
