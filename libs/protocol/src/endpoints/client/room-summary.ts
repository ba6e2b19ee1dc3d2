import { Endpoint } from '../endpoint.types';

/**
 * client-server-api "GET /_matrix/client/v1/room_summary/{roomIdOrAlias}". "Servers MAY allow
 * unauthenticated access to this API" for public, knockable or world-readable rooms.
 */
export const getRoomSummary: Endpoint = {
  operationId: 'getRoomSummary',
  method: 'GET',
  path: '/_matrix/client/v1/room_summary/{roomIdOrAlias}',
  auth: 'optional_access_token',
  section: 'room_summary',
  rateLimited: true,
};
