import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/presence/{userId}/status". */
export const getPresence: Endpoint = {
  operationId: 'getPresence',
  method: 'GET',
  path: '/_matrix/client/v3/presence/{userId}/status',
  auth: 'access_token',
  section: 'presence',
};

/** client-server-api "PUT /_matrix/client/v3/presence/{userId}/status". */
export const setPresence: Endpoint = {
  operationId: 'setPresence',
  method: 'PUT',
  path: '/_matrix/client/v3/presence/{userId}/status',
  auth: 'access_token',
  section: 'presence',
  rateLimited: true,
};

/** The `presence` values of m.presence and of PUT /presence/{userId}/status. */
export const PRESENCE_STATES = ['online', 'unavailable', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export interface GetPresenceResponse {
  presence: PresenceState;
  last_active_ago?: number;
  status_msg?: string | null;
  currently_active?: boolean;
}
