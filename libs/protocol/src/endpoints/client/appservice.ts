import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v1/appservice/{appserviceId}/ping". */
export const pingAppservice: Endpoint = {
  operationId: 'pingAppservice',
  method: 'POST',
  path: '/_matrix/client/v1/appservice/{appserviceId}/ping',
  auth: 'as_token',
  section: 'appservice_ping',
};

export interface AppservicePingResponse {
  /** Milliseconds the application service took to answer the homeserver's ping. */
  duration_ms: number;
}

/** client-server-api "PUT /_matrix/client/v3/directory/list/appservice/{networkId}/{roomId}". */
export const updateAppserviceRoomDirectoryVisibility: Endpoint = {
  operationId: 'updateAppserviceRoomDirectoryVisibility',
  method: 'PUT',
  path: '/_matrix/client/v3/directory/list/appservice/{networkId}/{roomId}',
  auth: 'as_token',
  section: 'appservice_room_directory',
};
