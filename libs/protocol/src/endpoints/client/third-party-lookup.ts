import { Endpoint } from '../endpoint.types';

const lookup = (operationId: string, path: string): Endpoint => ({
  operationId,
  method: 'GET',
  path,
  auth: 'access_token',
  section: 'third_party_lookup',
});

/** client-server-api "GET /_matrix/client/v3/thirdparty/protocols". */
export const getProtocols = lookup('getProtocols', '/_matrix/client/v3/thirdparty/protocols');
/** client-server-api "GET /_matrix/client/v3/thirdparty/protocol/{protocol}". */
export const getProtocolMetadata = lookup(
  'getProtocolMetadata',
  '/_matrix/client/v3/thirdparty/protocol/{protocol}',
);
/** client-server-api "GET /_matrix/client/v3/thirdparty/location/{protocol}". */
export const queryLocationByProtocol = lookup(
  'queryLocationByProtocol',
  '/_matrix/client/v3/thirdparty/location/{protocol}',
);
/** client-server-api "GET /_matrix/client/v3/thirdparty/user/{protocol}". */
export const queryUserByProtocol = lookup(
  'queryUserByProtocol',
  '/_matrix/client/v3/thirdparty/user/{protocol}',
);
/** client-server-api "GET /_matrix/client/v3/thirdparty/location". */
export const queryLocationByAlias = lookup('queryLocationByAlias', '/_matrix/client/v3/thirdparty/location');
/** client-server-api "GET /_matrix/client/v3/thirdparty/user". */
export const queryUserByID = lookup('queryUserByID', '/_matrix/client/v3/thirdparty/user');
