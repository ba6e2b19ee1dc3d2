import { Endpoint } from '../endpoint.types';
import { AuthenticationData } from './user-interactive-auth';

/** client-server-api "GET /_matrix/client/v3/devices". */
export const getDevices: Endpoint = {
  operationId: 'getDevices',
  method: 'GET',
  path: '/_matrix/client/v3/devices',
  auth: 'access_token',
  section: 'device_management',
};

/** client-server-api "GET /_matrix/client/v3/devices/{deviceId}". */
export const getDevice: Endpoint = {
  operationId: 'getDevice',
  method: 'GET',
  path: '/_matrix/client/v3/devices/{deviceId}',
  auth: 'access_token',
  section: 'device_management',
};

/** client-server-api "PUT /_matrix/client/v3/devices/{deviceId}". */
export const updateDevice: Endpoint = {
  operationId: 'updateDevice',
  method: 'PUT',
  path: '/_matrix/client/v3/devices/{deviceId}',
  auth: 'access_token',
  section: 'device_management',
  rateLimited: true,
};

/** client-server-api "DELETE /_matrix/client/v3/devices/{deviceId}". */
export const deleteDevice: Endpoint = {
  operationId: 'deleteDevice',
  method: 'DELETE',
  path: '/_matrix/client/v3/devices/{deviceId}',
  auth: 'access_token',
  section: 'device_management',
};

/** client-server-api "POST /_matrix/client/v3/delete_devices". */
export const deleteDevices: Endpoint = {
  operationId: 'deleteDevices',
  method: 'POST',
  path: '/_matrix/client/v3/delete_devices',
  auth: 'access_token',
  section: 'device_management',
};

/** definitions/client_device.yaml. */
export interface ClientDevice {
  device_id: string;
  display_name?: string;
  last_seen_ip?: string;
  last_seen_ts?: number;
}

export interface GetDevicesResponse {
  devices: ClientDevice[];
}

export interface UpdateDeviceRequest {
  display_name?: string;
}

export interface DeleteDeviceRequest {
  auth?: AuthenticationData;
}

export interface DeleteDevicesRequest {
  devices: string[];
  auth?: AuthenticationData;
}
