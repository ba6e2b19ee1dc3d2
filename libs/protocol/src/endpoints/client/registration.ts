import { Endpoint } from '../endpoint.types';
import { AuthenticationData } from './user-interactive-auth';

/** client-server-api "POST /_matrix/client/v3/register". */
export const register: Endpoint = {
  operationId: 'register',
  method: 'POST',
  path: '/_matrix/client/v3/register',
  auth: 'none',
  section: 'registration',
  rateLimited: true,
};

/** client-server-api "GET /_matrix/client/v3/register/available". */
export const checkUsernameAvailability: Endpoint = {
  operationId: 'checkUsernameAvailability',
  method: 'GET',
  path: '/_matrix/client/v3/register/available',
  auth: 'none',
  section: 'registration',
  rateLimited: true,
};

export type AccountKind = 'user' | 'guest';

export interface RegisterRequest {
  auth?: AuthenticationData;
  username?: string;
  password?: string;
  device_id?: string;
  initial_device_display_name?: string;
  inhibit_login?: boolean;
  refresh_token?: boolean;
}

export interface RegisterResponse {
  user_id: string;
  access_token?: string;
  refresh_token?: string;
  expires_in_ms?: number;
  /** Deprecated by the spec, still sent: older clients read it. */
  home_server?: string;
  device_id?: string;
}

export interface UsernameAvailableResponse {
  available: boolean;
}
