import { JsonObject } from '@switchboard/protocol';

/**
 * What /keys/query and /keys/claim need from other servers (server-server-api "End-to-End
 * Encryption"), implemented by libs/federation (which client-api must not import). A server that
 * does not answer throws; the caller records it in `failures`.
 */
export interface RemoteKeys {
  /** POST /user/keys/query: user ID to device IDs (none: all). */
  query(server: string, deviceKeys: Record<string, string[]>, timeoutMs: number): Promise<JsonObject>;
  /** POST /user/keys/claim: user ID to device ID to algorithm. */
  claim(
    server: string,
    oneTimeKeys: Record<string, Record<string, string>>,
    timeoutMs: number,
  ): Promise<JsonObject>;
}

export const REMOTE_KEYS = Symbol('REMOTE_KEYS');

/**
 * Local users' device-list changes for the servers that share a room with them (server-server-api
 * "Device Management": `m.device_list_update` and `m.signing_key_update` EDUs), implemented by
 * libs/federation. `deviceIds` null: the change is not about particular devices.
 */
export interface DeviceListOutbound {
  devicesChanged(userId: string, deviceIds: readonly string[] | null): Promise<void>;
  crossSigningChanged(userId: string): Promise<void>;
}

export const DEVICE_LIST_OUTBOUND = Symbol('DEVICE_LIST_OUTBOUND');

/** Device-list changes of other servers' users, as their EDUs tell; implemented by client-api for /sync. */
export interface DeviceListInbound {
  remoteChanged(userIds: readonly string[]): Promise<void>;
}

export const DEVICE_LIST_INBOUND = Symbol('DEVICE_LIST_INBOUND');
