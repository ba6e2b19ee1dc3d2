import { JsonObject } from '../../events/pdu.types';
import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v1/rooms/{roomId}/threads". */
export const getThreadRoots: Endpoint = {
  operationId: 'getThreadRoots',
  method: 'GET',
  path: '/_matrix/client/v1/rooms/{roomId}/threads',
  auth: 'access_token',
  section: 'threads_list',
};

export interface GetThreadRootsResponse {
  chunk: JsonObject[];
  next_batch?: string;
}
