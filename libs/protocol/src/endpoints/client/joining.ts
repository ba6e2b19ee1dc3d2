import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/join". */
export const joinRoomById: Endpoint = {
  operationId: 'joinRoomById',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/join',
  auth: 'access_token',
  section: 'joining',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/join/{roomIdOrAlias}". */
export const joinRoom: Endpoint = {
  operationId: 'joinRoom',
  method: 'POST',
  path: '/_matrix/client/v3/join/{roomIdOrAlias}',
  auth: 'access_token',
  section: 'joining',
  rateLimited: true,
};
