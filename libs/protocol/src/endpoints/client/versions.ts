import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/versions". */
export const getVersions: Endpoint = {
  operationId: 'getVersions',
  method: 'GET',
  path: '/_matrix/client/versions',
  auth: 'optional_access_token',
  section: 'versions',
};

export interface VersionsResponse {
  versions: string[];
  unstable_features?: Record<string, boolean>;
}
