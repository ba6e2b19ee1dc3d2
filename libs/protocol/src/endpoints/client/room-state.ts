import { Endpoint } from '../endpoint.types';

/** client-server-api "PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}". */
export const setRoomStateWithKey: Endpoint = {
  operationId: 'setRoomStateWithKey',
  method: 'PUT',
  path: '/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}',
  auth: 'access_token',
  section: 'room_state',
  rateLimited: true,
  optionalLastParam: true,
};
