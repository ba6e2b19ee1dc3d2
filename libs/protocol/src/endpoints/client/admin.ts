import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/admin/whois/{userId}". */
export const getWhoIs: Endpoint = {
  operationId: 'getWhoIs',
  method: 'GET',
  path: '/_matrix/client/v3/admin/whois/{userId}',
  auth: 'access_token',
  section: 'admin',
};

/** definitions of getWhoIs: one connection of a session of a device. */
export interface WhoIsConnection {
  ip?: string;
  last_seen?: number;
  user_agent?: string;
}

export interface WhoIsResponse {
  user_id: string;
  devices: Record<string, { sessions: { connections: WhoIsConnection[] }[] }>;
}

const moderation = (operationId: string, method: 'GET' | 'PUT', kind: 'lock' | 'suspend'): Endpoint => ({
  operationId,
  method,
  path: `/_matrix/client/v1/admin/${kind}/{userId}`,
  auth: 'access_token',
  section: 'admin',
});

/** client-server-api "GET /_matrix/client/v1/admin/lock/{userId}". */
export const getAdminLockUser = moderation('getAdminLockUser', 'GET', 'lock');
/** client-server-api "PUT /_matrix/client/v1/admin/lock/{userId}". */
export const setAdminLockUser = moderation('setAdminLockUser', 'PUT', 'lock');
/** client-server-api "GET /_matrix/client/v1/admin/suspend/{userId}". */
export const getAdminSuspendUser = moderation('getAdminSuspendUser', 'GET', 'suspend');
/** client-server-api "PUT /_matrix/client/v1/admin/suspend/{userId}". */
export const setAdminSuspendUser = moderation('setAdminSuspendUser', 'PUT', 'suspend');

/** The body of PUT and the answer of both methods of /admin/lock/{userId}. */
export interface AdminLockStatus {
  locked: boolean;
}

/** The body of PUT and the answer of both methods of /admin/suspend/{userId}. */
export interface AdminSuspendStatus {
  suspended: boolean;
}
