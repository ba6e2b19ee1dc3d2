import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/account/whoami". */
export const getTokenOwner: Endpoint = {
  operationId: 'getTokenOwner',
  method: 'GET',
  path: '/_matrix/client/v3/account/whoami',
  auth: 'access_token',
  section: 'whoami',
  rateLimited: true,
};

export interface WhoamiResponse {
  user_id: string;
  device_id?: string;
  is_guest?: boolean;
}
