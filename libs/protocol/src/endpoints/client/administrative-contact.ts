import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/account/3pid". */
export const getAccount3PIDs: Endpoint = {
  operationId: 'getAccount3PIDs',
  method: 'GET',
  path: '/_matrix/client/v3/account/3pid',
  auth: 'access_token',
  section: 'administrative_contact',
};

/** client-server-api "POST /_matrix/client/v3/account/3pid" (deprecated in favour of /add and /bind). */
export const post3PIDs: Endpoint = {
  operationId: 'post3PIDs',
  method: 'POST',
  path: '/_matrix/client/v3/account/3pid',
  auth: 'access_token',
  section: 'administrative_contact',
};

/** client-server-api "POST /_matrix/client/v3/account/3pid/add". */
export const add3PID: Endpoint = {
  operationId: 'add3PID',
  method: 'POST',
  path: '/_matrix/client/v3/account/3pid/add',
  auth: 'access_token',
  section: 'administrative_contact',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/account/3pid/delete". */
export const delete3pidFromAccount: Endpoint = {
  operationId: 'delete3pidFromAccount',
  method: 'POST',
  path: '/_matrix/client/v3/account/3pid/delete',
  auth: 'access_token',
  section: 'administrative_contact',
};

/** client-server-api "POST /_matrix/client/v3/account/3pid/email/requestToken". */
export const requestTokenTo3PIDEmail: Endpoint = {
  operationId: 'requestTokenTo3PIDEmail',
  method: 'POST',
  path: '/_matrix/client/v3/account/3pid/email/requestToken',
  auth: 'none',
  section: 'administrative_contact',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/register/email/requestToken". */
export const requestTokenToRegisterEmail: Endpoint = {
  operationId: 'requestTokenToRegisterEmail',
  method: 'POST',
  path: '/_matrix/client/v3/register/email/requestToken',
  auth: 'none',
  section: 'registration',
  rateLimited: true,
};

/** One entry of GET /account/3pid. */
export interface ThirdPartyIdentifier {
  medium: string;
  address: string;
  validated_at: number;
  added_at: number;
}

/** The answer of a requestToken endpoint (definitions/request_token_response.yaml). */
export interface RequestTokenResponse {
  sid: string;
  submit_url?: string;
}

/** client-server-api "POST /_matrix/client/v3/account/3pid/bind". */
export const bind3PID: Endpoint = {
  operationId: 'bind3PID',
  method: 'POST',
  path: '/_matrix/client/v3/account/3pid/bind',
  auth: 'access_token',
  section: 'administrative_contact',
  rateLimited: true,
};

/** client-server-api "POST /_matrix/client/v3/account/3pid/unbind". */
export const unbind3pidFromAccount: Endpoint = {
  operationId: 'unbind3pidFromAccount',
  method: 'POST',
  path: '/_matrix/client/v3/account/3pid/unbind',
  auth: 'access_token',
  section: 'administrative_contact',
};

/** `id_server_unbind_result` of /3pid/delete and /3pid/unbind. */
export type IdServerUnbindResult = 'success' | 'no-support';
