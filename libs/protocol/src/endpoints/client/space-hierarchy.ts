import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v1/rooms/{roomId}/hierarchy" (Spaces). */
export const getSpaceHierarchy: Endpoint = {
  operationId: 'getSpaceHierarchy',
  method: 'GET',
  path: '/_matrix/client/v1/rooms/{roomId}/hierarchy',
  auth: 'access_token',
  section: 'space_hierarchy',
  rateLimited: true,
};
