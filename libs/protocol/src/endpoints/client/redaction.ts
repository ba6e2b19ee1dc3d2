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

/**
 * The form without a transaction ID that Synapse still serves and SyTest sends
 * (`POST /rooms/{roomId}/redact/{eventId}`); not in the spec.
 */
export const redactEventWithoutTxn: Endpoint = {
  operationId: 'redactEventWithoutTxn',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/redact/{eventId}',
  auth: 'access_token',
  section: 'redaction',
  rateLimited: true,
};
