import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/capabilities". */
export const getCapabilities: Endpoint = {
  operationId: 'getCapabilities',
  method: 'GET',
  path: '/_matrix/client/v3/capabilities',
  auth: 'access_token',
  section: 'capabilities',
  rateLimited: true,
};

export interface BooleanCapability {
  enabled: boolean;
}

export interface CapabilitiesResponse {
  capabilities: {
    'm.change_password'?: BooleanCapability;
    'm.room_versions'?: { default: string; available: Record<string, 'stable' | 'unstable'> };
    'm.set_displayname'?: BooleanCapability;
    'm.set_avatar_url'?: BooleanCapability;
    'm.3pid_changes'?: BooleanCapability;
    [capability: string]: unknown;
  };
}
