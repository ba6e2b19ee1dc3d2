import { Endpoint } from '../endpoint.types';

/** server-server-api "GET /_matrix/federation/v1/version". */
export const getFederationVersion: Endpoint = {
  operationId: 'getVersion',
  method: 'GET',
  path: '/_matrix/federation/v1/version',
  auth: 'none',
  section: 'version',
};

export interface FederationVersion {
  server: { name: string; version: string };
}
