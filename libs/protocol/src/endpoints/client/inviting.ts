import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/invite". */
export const inviteUser: Endpoint = {
  operationId: 'inviteUser',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/invite',
  auth: 'access_token',
  section: 'inviting',
  rateLimited: true,
};
