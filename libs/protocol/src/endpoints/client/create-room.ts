import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/createRoom". */
export const createRoom: Endpoint = {
  operationId: 'createRoom',
  method: 'POST',
  path: '/_matrix/client/v3/createRoom',
  auth: 'access_token',
  section: 'create_room',
};
