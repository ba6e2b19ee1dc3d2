import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/leave". */
export const leaveRoom: Endpoint = {
  operationId: 'leaveRoom',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/leave',
  auth: 'access_token',
  section: 'leaving',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/forget". */
export const forgetRoom: Endpoint = {
  operationId: 'forgetRoom',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/forget',
  auth: 'access_token',
  section: 'leaving',
  rateLimited: true,
};
