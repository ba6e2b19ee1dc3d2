import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags". */
export const getRoomTags: Endpoint = {
  operationId: 'getRoomTags',
  method: 'GET',
  path: '/_matrix/client/v3/user/{userId}/rooms/{roomId}/tags',
  auth: 'access_token',
  section: 'tags',
};

/** client-server-api "PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}". */
export const setRoomTag: Endpoint = {
  operationId: 'setRoomTag',
  method: 'PUT',
  path: '/_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}',
  auth: 'access_token',
  section: 'tags',
};

/** client-server-api "DELETE /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}". */
export const deleteRoomTag: Endpoint = {
  operationId: 'deleteRoomTag',
  method: 'DELETE',
  path: '/_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}',
  auth: 'access_token',
  section: 'tags',
};

/** definitions/tag.yaml: "A number in a range `[0,1]`" for ordering, and anything else a client adds. */
export interface RoomTag {
  order?: number;
  [key: string]: unknown;
}

export interface GetRoomTagsResponse {
  tags: Record<string, RoomTag>;
}

/** modules/tags.md: "The name of a tag MUST NOT exceed 255 bytes." */
export const MAX_TAG_BYTES = 255;
