import { Endpoint } from '../endpoint.types';

/**
 * client-server-api "GET /_matrix/client/v3/events" (old_sync): deprecated in r0 in favour of
 * /sync with `since`. With `room_id` it is peeking_events' "GET /events" on the same path.
 */
export const getEvents: Endpoint = {
  operationId: 'getEvents',
  method: 'GET',
  path: '/_matrix/client/v3/events',
  auth: 'access_token',
  section: 'old_sync',
};

/** client-server-api "GET /_matrix/client/v3/initialSync": deprecated in r0 in favour of /sync without `since`. */
export const initialSync: Endpoint = {
  operationId: 'initialSync',
  method: 'GET',
  path: '/_matrix/client/v3/initialSync',
  auth: 'access_token',
  section: 'old_sync',
};

/** client-server-api "GET /_matrix/client/v3/events/{eventId}": deprecated in r0 for /rooms/{roomId}/event/{eventId}. */
export const getOneEvent: Endpoint = {
  operationId: 'getOneEvent',
  method: 'GET',
  path: '/_matrix/client/v3/events/{eventId}',
  auth: 'access_token',
  section: 'old_sync',
};
