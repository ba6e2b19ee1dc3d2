import { Endpoint } from '../endpoint.types';

/** server-server-api "GET /_matrix/federation/v1/hierarchy/{roomId}". */
export const federationGetSpaceHierarchy: Endpoint = {
  operationId: 'getSpaceHierarchy',
  method: 'GET',
  path: '/_matrix/federation/v1/hierarchy/{roomId}',
  auth: 'x_matrix',
  section: 'space_hierarchy',
};
