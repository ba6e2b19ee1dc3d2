import { Endpoint } from '../endpoint.types';

/** server-server-api "Joining Rooms": `GET /_matrix/federation/v1/make_join/{roomId}/{userId}`. */
export const makeJoin: Endpoint = {
  operationId: 'makeJoin',
  method: 'GET',
  path: '/_matrix/federation/v1/make_join/{roomId}/{userId}',
  auth: 'x_matrix',
  section: 'joins-v1',
};

/**
 * `PUT /_matrix/federation/v1/send_join/{roomId}/{eventId}`: gone from the spec (MSC1802 replaced
 * it with v2), still what older servers and SyTest call; it answers `[200, body]`.
 */
export const sendJoinV1: Endpoint = {
  operationId: 'sendJoinV1',
  method: 'PUT',
  path: '/_matrix/federation/v1/send_join/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'joins-v1',
};

/** server-server-api "Joining Rooms": `PUT /_matrix/federation/v2/send_join/{roomId}/{eventId}`. */
export const sendJoinV2: Endpoint = {
  operationId: 'sendJoinV2',
  method: 'PUT',
  path: '/_matrix/federation/v2/send_join/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'joins-v2',
};

/** server-server-api "Leaving Rooms (Rejecting Invites)": `GET /_matrix/federation/v1/make_leave/{roomId}/{userId}`. */
export const makeLeave: Endpoint = {
  operationId: 'makeLeave',
  method: 'GET',
  path: '/_matrix/federation/v1/make_leave/{roomId}/{userId}',
  auth: 'x_matrix',
  section: 'leaving-v1',
};

/** `PUT /_matrix/federation/v1/send_leave/{roomId}/{eventId}`: as sendJoinV1, gone from the spec, answers `[200, {}]`. */
export const sendLeaveV1: Endpoint = {
  operationId: 'sendLeaveV1',
  method: 'PUT',
  path: '/_matrix/federation/v1/send_leave/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'leaving-v1',
};

/** server-server-api "Leaving Rooms (Rejecting Invites)": `PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId}`. */
export const sendLeaveV2: Endpoint = {
  operationId: 'sendLeaveV2',
  method: 'PUT',
  path: '/_matrix/federation/v2/send_leave/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'leaving-v2',
};

/** server-server-api "Inviting to a room": `PUT /_matrix/federation/v1/invite/{roomId}/{eventId}` (v1 and v2 rooms). */
export const sendInviteV1: Endpoint = {
  operationId: 'sendInviteV1',
  method: 'PUT',
  path: '/_matrix/federation/v1/invite/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'invites-v1',
};

/** server-server-api "Inviting to a room": `PUT /_matrix/federation/v2/invite/{roomId}/{eventId}`. */
export const sendInviteV2: Endpoint = {
  operationId: 'sendInviteV2',
  method: 'PUT',
  path: '/_matrix/federation/v2/invite/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'invites-v2',
};

/** server-server-api "Knocking upon a room": `GET /_matrix/federation/v1/make_knock/{roomId}/{userId}`. */
export const makeKnock: Endpoint = {
  operationId: 'makeKnock',
  method: 'GET',
  path: '/_matrix/federation/v1/make_knock/{roomId}/{userId}',
  auth: 'x_matrix',
  section: 'knocks',
};

/** server-server-api "Knocking upon a room": `PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId}`. */
export const sendKnock: Endpoint = {
  operationId: 'sendKnock',
  method: 'PUT',
  path: '/_matrix/federation/v1/send_knock/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'knocks',
};
