import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/user/{userId}/filter". */
export const defineFilter: Endpoint = {
  operationId: 'defineFilter',
  method: 'POST',
  path: '/_matrix/client/v3/user/{userId}/filter',
  auth: 'access_token',
  section: 'filter',
};

/** client-server-api "GET /_matrix/client/v3/user/{userId}/filter/{filterId}". */
export const getFilter: Endpoint = {
  operationId: 'getFilter',
  method: 'GET',
  path: '/_matrix/client/v3/user/{userId}/filter/{filterId}',
  auth: 'access_token',
  section: 'filter',
};

export interface DefineFilterResponse {
  filter_id: string;
}
