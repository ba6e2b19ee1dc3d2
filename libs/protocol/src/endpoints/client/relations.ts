import { JsonObject } from '../../events/pdu.types';
import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}". */
export const getRelatingEvents: Endpoint = {
  operationId: 'getRelatingEvents',
  method: 'GET',
  path: '/_matrix/client/v1/rooms/{roomId}/relations/{eventId}',
  auth: 'access_token',
  section: 'relations',
};

/** client-server-api "GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}". */
export const getRelatingEventsWithRelType: Endpoint = {
  operationId: 'getRelatingEventsWithRelType',
  method: 'GET',
  path: '/_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}',
  auth: 'access_token',
  section: 'relations',
};

/** client-server-api "GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}". */
export const getRelatingEventsWithRelTypeAndEventType: Endpoint = {
  operationId: 'getRelatingEventsWithRelTypeAndEventType',
  method: 'GET',
  path: '/_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}',
  auth: 'access_token',
  section: 'relations',
};

export interface GetRelatingEventsResponse {
  chunk: JsonObject[];
  next_batch?: string;
  prev_batch?: string;
  /** Present exactly when the request carried `recurse`. */
  recursion_depth?: number;
}
