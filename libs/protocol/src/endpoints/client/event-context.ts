import { JsonObject } from '../../events/pdu.types';
import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/context/{eventId}". */
export const getEventContext: Endpoint = {
  operationId: 'getEventContext',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/context/{eventId}',
  auth: 'access_token',
  section: 'event_context',
};

export interface GetEventContextResponse {
  start: string;
  end: string;
  events_before: JsonObject[];
  event: JsonObject;
  events_after: JsonObject[];
  state: JsonObject[];
}
