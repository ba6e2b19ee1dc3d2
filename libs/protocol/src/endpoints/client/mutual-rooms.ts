import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v1/mutual_rooms". */
export const getMutualRooms: Endpoint = {
  operationId: 'getMutualRooms',
  method: 'GET',
  path: '/_matrix/client/v1/mutual_rooms',
  auth: 'access_token',
  section: 'mutual_rooms',
  rateLimited: true,
};

export interface MutualRoomsResponse {
  joined: string[];
  /** "The number of such rooms. This is the total count even if the response is batched". */
  count: number;
  next_batch?: string;
}
