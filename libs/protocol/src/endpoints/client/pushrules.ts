import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/pushrules/". */
export const getPushRules: Endpoint = {
  operationId: 'getPushRules',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/',
  auth: 'access_token',
  section: 'pushrules',
};

/** client-server-api "GET /_matrix/client/v3/pushrules/global/". */
export const getPushRulesGlobal: Endpoint = {
  operationId: 'getPushRulesGlobal',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/global/',
  auth: 'access_token',
  section: 'pushrules',
};
