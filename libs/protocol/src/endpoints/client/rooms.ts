import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/event/{eventId}". */
export const getOneRoomEvent: Endpoint = {
  operationId: 'getOneRoomEvent',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/event/{eventId}',
  auth: 'access_token',
  section: 'rooms',
};

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}". */
export const getRoomStateWithKey: Endpoint = {
  operationId: 'getRoomStateWithKey',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}',
  auth: 'access_token',
  section: 'rooms',
  optionalLastParam: true,
};

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/state". */
export const getRoomState: Endpoint = {
  operationId: 'getRoomState',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/state',
  auth: 'access_token',
  section: 'rooms',
};

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/members". */
export const getMembersByRoom: Endpoint = {
  operationId: 'getMembersByRoom',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/members',
  auth: 'access_token',
  section: 'rooms',
};

/** client-server-api "GET /_matrix/client/v3/rooms/{roomId}/joined_members". */
export const getJoinedMembersByRoom: Endpoint = {
  operationId: 'getJoinedMembersByRoom',
  method: 'GET',
  path: '/_matrix/client/v3/rooms/{roomId}/joined_members',
  auth: 'access_token',
  section: 'rooms',
};
