import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/ban". */
export const ban: Endpoint = {
  operationId: 'ban',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/ban',
  auth: 'access_token',
  section: 'banning',
};

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/unban". */
export const unban: Endpoint = {
  operationId: 'unban',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/unban',
  auth: 'access_token',
  section: 'banning',
};
