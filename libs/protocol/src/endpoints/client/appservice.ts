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

/**
 * The DELETE form of the same path that Synapse serves and SyTest sends to take a room out of an
 * application service's directory (the same as PUT with `visibility: private`); not in the spec.
 */
export const removeAppserviceRoomFromDirectory: Endpoint = {
  operationId: 'removeAppserviceRoomFromDirectory',
  method: 'DELETE',
  path: '/_matrix/client/v3/directory/list/appservice/{networkId}/{roomId}',
  auth: 'as_token',
  section: 'appservice_room_directory',
};
