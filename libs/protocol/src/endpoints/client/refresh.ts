import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/refresh": authenticated by the refresh token in the body. */
export const refresh: Endpoint = {
  operationId: 'refresh',
  method: 'POST',
  path: '/_matrix/client/v3/refresh',
  auth: 'none',
  section: 'refresh',
  rateLimited: true,
};

export interface RefreshRequest {
  refresh_token: string;
}

export interface RefreshResponse {
  access_token: string;
  refresh_token?: string;
  expires_in_ms?: number;
}
