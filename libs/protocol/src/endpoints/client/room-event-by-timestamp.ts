import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event". */
export const getEventByTimestamp: Endpoint = {
  operationId: 'getEventByTimestamp',
  method: 'GET',
  path: '/_matrix/client/v1/rooms/{roomId}/timestamp_to_event',
  auth: 'access_token',
  section: 'room_event_by_timestamp',
  rateLimited: true,
};

export interface GetEventByTimestampResponse {
  event_id: string;
  origin_server_ts: number;
}
