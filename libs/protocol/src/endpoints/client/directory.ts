import { Endpoint } from '../endpoint.types';

/** client-server-api "PUT /_matrix/client/v3/directory/room/{roomAlias}". */
export const setRoomAlias: Endpoint = {
  operationId: 'setRoomAlias',
  method: 'PUT',
  path: '/_matrix/client/v3/directory/room/{roomAlias}',
  auth: 'access_token',
  section: 'directory',
};

/** client-server-api "GET /_matrix/client/v3/directory/room/{roomAlias}". */
export const getRoomIdByAlias: Endpoint = {
  operationId: 'getRoomIdByAlias',
  method: 'GET',
  path: '/_matrix/client/v3/directory/room/{roomAlias}',
  auth: 'none',
  section: 'directory',
};

/** client-server-api "DELETE /_matrix/client/v3/directory/room/{roomAlias}". */
export const deleteRoomAlias: Endpoint = {
  operationId: 'deleteRoomAlias',
  method: 'DELETE',
  path: '/_matrix/client/v3/directory/room/{roomAlias}',
  auth: 'access_token',
  section: 'directory',
};

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/aliases". */
export const getLocalAliases: Endpoint = {
  operationId: 'getLocalAliases',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/aliases',
  auth: 'access_token',
  section: 'directory',
  rateLimited: true,
};
