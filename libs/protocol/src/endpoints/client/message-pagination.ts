import { JsonObject } from '../../events/pdu.types';
import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/messages". */
export const getRoomEvents: Endpoint = {
  operationId: 'getRoomEvents',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/messages',
  auth: 'access_token',
  section: 'message_pagination',
};

export interface GetRoomEventsResponse {
  start: string;
  end?: string;
  chunk: JsonObject[];
  state?: JsonObject[];
}
