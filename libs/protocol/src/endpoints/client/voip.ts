import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/voip/turnServer". */
export const getTurnServer: Endpoint = {
  operationId: 'getTurnServer',
  method: 'GET',
  path: '/_matrix/client/v3/voip/turnServer',
  auth: 'access_token',
  section: 'voip',
  rateLimited: true,
};

export interface TurnServerResponse {
  username: string;
  password: string;
  uris: string[];
  /** "The time-to-live in seconds". */
  ttl: number;
}
