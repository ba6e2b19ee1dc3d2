import { Endpoint } from '../endpoint.types';

/** client-server-api "PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}". */
export const redactEvent: Endpoint = {
  operationId: 'redactEvent',
  method: 'PUT',
  path: '/_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}',
  auth: 'access_token',
  section: 'redaction',
  rateLimited: true,
};
