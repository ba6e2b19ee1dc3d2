import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/user/{userId}/account_data/{type}". */
export const getAccountData: Endpoint = {
  operationId: 'getAccountData',
  method: 'GET',
  path: '/_matrix/client/v3/user/{userId}/account_data/{type}',
  auth: 'access_token',
  section: 'account-data',
};

/** client-server-api "PUT /_matrix/client/v3/user/{userId}/account_data/{type}". */
export const setAccountData: Endpoint = {
  operationId: 'setAccountData',
  method: 'PUT',
  path: '/_matrix/client/v3/user/{userId}/account_data/{type}',
  auth: 'access_token',
  section: 'account-data',
};

/** client-server-api "GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}". */
export const getAccountDataPerRoom: Endpoint = {
  operationId: 'getAccountDataPerRoom',
  method: 'GET',
  path: '/_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}',
  auth: 'access_token',
  section: 'account-data',
};

/** client-server-api "PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}". */
export const setAccountDataPerRoom: Endpoint = {
  operationId: 'setAccountDataPerRoom',
  method: 'PUT',
  path: '/_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}',
  auth: 'access_token',
  section: 'account-data',
};

/**
 * modules/account_data.md "Server Behaviour": types the server manages, which clients may read but
 * not set ("Servers MUST reject setting account data for event types that the server manages").
 */
export const SERVER_MANAGED_ACCOUNT_DATA = ['m.fully_read', 'm.push_rules'] as const;
