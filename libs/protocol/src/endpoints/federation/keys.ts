import { Endpoint } from '../endpoint.types';

/** server-server-api "Publishing Keys": `GET /_matrix/key/v2/server`. */
export const getServerKey: Endpoint = {
  operationId: 'getServerKey',
  method: 'GET',
  path: '/_matrix/key/v2/server',
  auth: 'none',
  section: 'keys_server',
};

/**
 * `GET /_matrix/key/v2/server/{keyId}`: gone from the spec ("keyId: Deprecated"), answered as
 * `/_matrix/key/v2/server` since older servers, SyTest's among them, still fetch keys this way.
 */
export const getServerKeyById: Endpoint = {
  operationId: 'getServerKeyById',
  method: 'GET',
  path: '/_matrix/key/v2/server/{keyId}',
  auth: 'none',
  section: 'keys_server',
};

export interface ServerKeys {
  server_name: string;
  verify_keys: Record<string, { key: string }>;
  old_verify_keys: Record<string, { key: string; expired_ts: number }>;
  valid_until_ts: number;
  signatures?: Record<string, Record<string, string>>;
}

/** server-server-api "Querying Keys Through Another Server": `GET /_matrix/key/v2/query/{serverName}`. */
export const perspectivesKeyQuery: Endpoint = {
  operationId: 'perspectivesKeyQuery',
  method: 'GET',
  path: '/_matrix/key/v2/query/{serverName}',
  auth: 'none',
  section: 'keys_query',
};

/**
 * `GET /_matrix/key/v2/query/{serverName}/{keyId}`: the form with a key ID, gone from the spec
 * (r0.1.0 had it) but still called, SyTest among the callers; answered as the form without it.
 */
export const perspectivesKeyQueryById: Endpoint = {
  operationId: 'perspectivesKeyQueryById',
  method: 'GET',
  path: '/_matrix/key/v2/query/{serverName}/{keyId}',
  auth: 'none',
  section: 'keys_query',
};

/** server-server-api "Querying Keys Through Another Server": `POST /_matrix/key/v2/query`. */
export const bulkPerspectivesKeyQuery: Endpoint = {
  operationId: 'bulkPerspectivesKeyQuery',
  method: 'POST',
  path: '/_matrix/key/v2/query',
  auth: 'none',
  section: 'keys_query',
};

/** The body of `POST /_matrix/key/v2/query`: server name -> key ID -> criteria. */
export interface KeyQueryRequest {
  server_keys: Record<string, Record<string, { minimum_valid_until_ts?: number }>>;
}

/** A notary's answer: each queried server's own response, additionally signed by the notary. */
export interface KeyQueryResponse {
  server_keys: ServerKeys[];
}
