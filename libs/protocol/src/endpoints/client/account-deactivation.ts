import { Endpoint } from '../endpoint.types';
import { AuthenticationData } from './user-interactive-auth';

/** client-server-api "POST /_matrix/client/v3/account/deactivate". */
export const deactivateAccount: Endpoint = {
  operationId: 'deactivateAccount',
  method: 'POST',
  path: '/_matrix/client/v3/account/deactivate',
  auth: 'optional_access_token',
  section: 'account_deactivation',
  rateLimited: true,
};

export interface DeactivateAccountRequest {
  auth?: AuthenticationData;
  id_server?: string;
  /** Defaults to `false`. */
  erase?: boolean;
}

export interface DeactivateAccountResponse {
  id_server_unbind_result: 'success' | 'no-support';
}
