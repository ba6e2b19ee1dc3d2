import { Endpoint } from '../endpoint.types';

/** client-server-api "PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}". */
export const sendMessage: Endpoint = {
  operationId: 'sendMessage',
  method: 'PUT',
  path: '/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}',
  auth: 'access_token',
  section: 'room_send',
  rateLimited: true,
};
