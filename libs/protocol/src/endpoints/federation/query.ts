import { Endpoint } from '../endpoint.types';

/** server-server-api "Querying for information": `GET /_matrix/federation/v1/query/directory`. */
export const queryRoomDirectory: Endpoint = {
  operationId: 'queryRoomDirectory',
  method: 'GET',
  path: '/_matrix/federation/v1/query/directory',
  auth: 'x_matrix',
  section: 'query',
};

/** server-server-api "Querying for information": `GET /_matrix/federation/v1/query/profile`. */
export const queryProfile: Endpoint = {
  operationId: 'queryProfile',
  method: 'GET',
  path: '/_matrix/federation/v1/query/profile',
  auth: 'x_matrix',
  section: 'query',
};

/** server-server-api "Public Room Directory": `GET /_matrix/federation/v1/publicRooms`. */
export const federationGetPublicRooms: Endpoint = {
  operationId: 'getPublicRooms',
  method: 'GET',
  path: '/_matrix/federation/v1/publicRooms',
  auth: 'x_matrix',
  section: 'public_rooms',
};

/** server-server-api "Public Room Directory": `POST /_matrix/federation/v1/publicRooms`, with a filter. */
export const federationQueryPublicRooms: Endpoint = {
  operationId: 'queryPublicRooms',
  method: 'POST',
  path: '/_matrix/federation/v1/publicRooms',
  auth: 'x_matrix',
  section: 'public_rooms',
};
