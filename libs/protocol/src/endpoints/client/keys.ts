import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/keys/upload". */
export const uploadKeys: Endpoint = {
  operationId: 'uploadKeys',
  method: 'POST',
  path: '/_matrix/client/v3/keys/upload',
  auth: 'access_token',
  section: 'keys',
};

/** client-server-api "POST /_matrix/client/v3/keys/query". */
export const queryKeys: Endpoint = {
  operationId: 'queryKeys',
  method: 'POST',
  path: '/_matrix/client/v3/keys/query',
  auth: 'access_token',
  section: 'keys',
};

/** client-server-api "POST /_matrix/client/v3/keys/claim". */
export const claimKeys: Endpoint = {
  operationId: 'claimKeys',
  method: 'POST',
  path: '/_matrix/client/v3/keys/claim',
  auth: 'access_token',
  section: 'keys',
};

/** client-server-api "GET /_matrix/client/v3/keys/changes". */
export const getKeysChanges: Endpoint = {
  operationId: 'getKeysChanges',
  method: 'GET',
  path: '/_matrix/client/v3/keys/changes',
  auth: 'access_token',
  section: 'keys',
};

/** definitions/device_keys.yaml: a device's identity keys, signed by the device. */
export interface DeviceKeys {
  user_id: string;
  device_id: string;
  algorithms: string[];
  keys: Record<string, string>;
  signatures: Record<string, Record<string, string>>;
  [key: string]: unknown;
}

/** keys/query's DeviceInformation: the uploaded keys plus what the server adds. */
export interface DeviceInformation extends DeviceKeys {
  unsigned: { device_display_name?: string };
}

/**
 * definitions/one_time_keys.yaml: `<algorithm>:<key_id>` to a key, which is an unpadded base64
 * string (curve25519) or a signed key object (signed_curve25519, fallback keys with `fallback`).
 */
export type OneTimeKeys = Record<string, string | Record<string, unknown>>;

/** definitions/cross_signing_key.yaml. */
export interface CrossSigningKey {
  user_id: string;
  usage: string[];
  keys: Record<string, string>;
  signatures?: Record<string, Record<string, string>>;
  [key: string]: unknown;
}

export interface UploadKeysResponse {
  one_time_key_counts: Record<string, number>;
}

export interface QueryKeysResponse {
  failures: Record<string, object>;
  device_keys: Record<string, Record<string, DeviceInformation>>;
  master_keys?: Record<string, CrossSigningKey>;
  self_signing_keys?: Record<string, CrossSigningKey>;
  user_signing_keys?: Record<string, CrossSigningKey>;
}

export interface ClaimKeysResponse {
  failures: Record<string, object>;
  one_time_keys: Record<string, Record<string, OneTimeKeys>>;
}

export interface KeysChangesResponse {
  changed: string[];
  left: string[];
}
