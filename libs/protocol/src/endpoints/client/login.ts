import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/login". */
export const getLoginFlows: Endpoint = {
  operationId: 'getLoginFlows',
  method: 'GET',
  path: '/_matrix/client/v3/login',
  auth: 'none',
  section: 'login',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/login". */
export const login: Endpoint = {
  operationId: 'login',
  method: 'POST',
  path: '/_matrix/client/v3/login',
  auth: 'none',
  section: 'login',
  rateLimited: true,
};

export interface LoginFlow {
  type: string;
  get_login_token?: boolean;
}

export interface LoginFlowsResponse {
  flows: LoginFlow[];
}

/** client-server-api "Identifier types" (definitions/user_identifier.yaml). */
export interface UserIdentifier {
  type: string;
  [key: string]: unknown;
}

export interface LoginRequest {
  type: string;
  identifier?: UserIdentifier;
  /** Deprecated in favour of `identifier`. */
  user?: string;
  password?: string;
  token?: string;
  device_id?: string;
  initial_device_display_name?: string;
  refresh_token?: boolean;
}

export interface LoginResponse {
  user_id: string;
  access_token: string;
  device_id: string;
  refresh_token?: string;
  expires_in_ms?: number;
  home_server?: string;
}
