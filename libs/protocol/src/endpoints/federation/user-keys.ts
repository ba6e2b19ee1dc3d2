import { Endpoint } from '../endpoint.types';
import { CrossSigningKey, DeviceKeys } from '../client/keys';

/** server-server-api "GET /_matrix/federation/v1/user/devices/{userId}". */
export const getUserDevices: Endpoint = {
  operationId: 'getUserDevices',
  method: 'GET',
  path: '/_matrix/federation/v1/user/devices/{userId}',
  auth: 'x_matrix',
  section: 'user_devices',
};

/** server-server-api "POST /_matrix/federation/v1/user/keys/claim". */
export const claimUserEncryptionKeys: Endpoint = {
  operationId: 'claimUserEncryptionKeys',
  method: 'POST',
  path: '/_matrix/federation/v1/user/keys/claim',
  auth: 'x_matrix',
  section: 'user_keys',
};

/** server-server-api "POST /_matrix/federation/v1/user/keys/query". */
export const queryUserEncryptionKeys: Endpoint = {
  operationId: 'queryUserEncryptionKeys',
  method: 'POST',
  path: '/_matrix/federation/v1/user/keys/query',
  auth: 'x_matrix',
  section: 'user_keys',
};

/** GET /user/devices/{userId}'s answer. */
export interface UserDevicesResponse {
  user_id: string;
  stream_id: number;
  devices: { device_id: string; keys: DeviceKeys; device_display_name?: string }[];
  master_key?: CrossSigningKey;
  self_signing_key?: CrossSigningKey;
}
