import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/report/{eventId}". */
export const reportEvent: Endpoint = {
  operationId: 'reportEvent',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/report/{eventId}',
  auth: 'access_token',
  section: 'report_content',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/report". */
export const reportRoom: Endpoint = {
  operationId: 'reportRoom',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/report',
  auth: 'access_token',
  section: 'report_content',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/users/{userId}/report". */
export const reportUser: Endpoint = {
  operationId: 'reportUser',
  method: 'POST',
  path: '/_matrix/client/v3/users/{userId}/report',
  auth: 'access_token',
  section: 'report_content',
  rateLimited: true,
};
