import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/knock/{roomIdOrAlias}". */
export const knockRoom: Endpoint = {
  operationId: 'knockRoom',
  method: 'POST',
  path: '/_matrix/client/v3/knock/{roomIdOrAlias}',
  auth: 'access_token',
  section: 'knocking',
  rateLimited: true,
};
