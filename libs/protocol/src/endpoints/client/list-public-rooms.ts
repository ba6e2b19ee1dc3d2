import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/directory/list/room/{roomId}". */
export const getRoomVisibilityOnDirectory: Endpoint = {
  operationId: 'getRoomVisibilityOnDirectory',
  method: 'GET',
  path: '/_matrix/client/v3/directory/list/room/{roomId}',
  auth: 'none',
  section: 'list_public_rooms',
};

/** client-server-api "PUT /_matrix/client/v3/directory/list/room/{roomId}". */
export const setRoomVisibilityOnDirectory: Endpoint = {
  operationId: 'setRoomVisibilityOnDirectory',
  method: 'PUT',
  path: '/_matrix/client/v3/directory/list/room/{roomId}',
  auth: 'access_token',
  section: 'list_public_rooms',
};

/** client-server-api "GET /_matrix/client/v3/publicRooms". */
export const getPublicRooms: Endpoint = {
  operationId: 'getPublicRooms',
  method: 'GET',
  path: '/_matrix/client/v3/publicRooms',
  auth: 'none',
  section: 'list_public_rooms',
};

/** client-server-api "POST /_matrix/client/v3/publicRooms". */
export const queryPublicRooms: Endpoint = {
  operationId: 'queryPublicRooms',
  method: 'POST',
  path: '/_matrix/client/v3/publicRooms',
  auth: 'access_token',
  section: 'list_public_rooms',
};
