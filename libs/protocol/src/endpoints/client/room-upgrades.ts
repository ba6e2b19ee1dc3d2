import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/upgrade". */
export const upgradeRoom: Endpoint = {
  operationId: 'upgradeRoom',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/upgrade',
  auth: 'access_token',
  section: 'room_upgrades',
};
