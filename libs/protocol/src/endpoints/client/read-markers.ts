import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/read_markers". */
export const setReadMarker: Endpoint = {
  operationId: 'setReadMarker',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/read_markers',
  auth: 'access_token',
  section: 'read_markers',
  rateLimited: true,
};

export interface SetReadMarkerRequest {
  'm.fully_read'?: string;
  'm.read'?: string;
  'm.read.private'?: string;
}
