import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, tryServerNameOf, UserDevicesResponse } from '@switchboard/protocol';
import {
  DeviceListChangesRepository,
  DevicesRepository,
  LocalE2eKeysRepository,
  OneTimeKeysRepository,
  Transactions,
} from '@switchboard/storage';

/**
 * What other servers may ask of this one's end-to-end keys (server-server-api "End-to-End
 * Encryption"): a user's device list, device and cross-signing keys, and one-time keys to claim.
 * Users of other servers in a request are left out: "the user or device was unknown".
 */
@Injectable()
export class LocalUserKeys {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly deviceRows: DevicesRepository,
    private readonly localKeys: LocalE2eKeysRepository,
    private readonly oneTimeKeys: OneTimeKeysRepository,
    private readonly changes: DeviceListChangesRepository,
  ) {}

  /** GET /user/devices/{userId}: every device that has keys, and the position of the list. */
  async devices(userId: string): Promise<UserDevicesResponse> {
    if (tryServerNameOf(userId) !== this.config.server_name)
      throw new MatrixError('M_INVALID_PARAM', 400, `${userId} is not a user of this server`);
    const q = this.transactions.reader;
    const streamId = await this.changes.streamIdOf(q, userId);
    const keys = await this.localKeys.query(q, new Map([[userId, []]]), null);
    const names = new Map((await this.deviceRows.list(q, userId)).map((d) => [d.deviceId, d.displayName]));
    const devices = Object.entries(keys.device_keys[userId] ?? {}).map(([deviceId, info]) => {
      const { unsigned: _unsigned, ...deviceKeys } = info;
      const name = names.get(deviceId);
      return {
        device_id: deviceId,
        keys: deviceKeys as UserDevicesResponse['devices'][number]['keys'],
        ...(name ? { device_display_name: name } : {}),
      };
    });
    return {
      user_id: userId,
      stream_id: streamId,
      devices,
      ...(keys.master_keys[userId]
        ? { master_key: keys.master_keys[userId] as UserDevicesResponse['master_key'] }
        : {}),
      ...(keys.self_signing_keys[userId]
        ? { self_signing_key: keys.self_signing_keys[userId] as UserDevicesResponse['self_signing_key'] }
        : {}),
    };
  }

  /** POST /user/keys/query: `device_keys` maps user IDs to device IDs (none: all). */
  async query(body: JsonObject): Promise<JsonObject> {
    const requests = new Map<string, string[]>();
    for (const [userId, deviceIds] of Object.entries(objectOf(body.device_keys, 'device_keys'))) {
      if (!Array.isArray(deviceIds) || !deviceIds.every((id) => typeof id === 'string'))
        throw new MatrixError('M_BAD_JSON', 400, `device_keys.${userId} must be an array of device IDs`);
      if (this.isLocal(userId)) requests.set(userId, deviceIds as string[]);
    }
    const keys = await this.localKeys.query(this.transactions.reader, requests, null);
    return {
      device_keys: keys.device_keys,
      master_keys: keys.master_keys,
      self_signing_keys: keys.self_signing_keys,
    } as JsonObject;
  }

  /** POST /user/keys/claim: `one_time_keys` maps user IDs to device IDs to an algorithm. */
  async claim(body: JsonObject): Promise<JsonObject> {
    const requests = new Map<string, Map<string, string>>();
    for (const [userId, devices] of Object.entries(objectOf(body.one_time_keys, 'one_time_keys'))) {
      const algorithms = objectOf(devices, `one_time_keys.${userId}`);
      if (!Object.values(algorithms).every((a) => typeof a === 'string'))
        throw new MatrixError('M_BAD_JSON', 400, `one_time_keys.${userId} must map device IDs to algorithms`);
      if (this.isLocal(userId))
        requests.set(userId, new Map(Object.entries(algorithms as Record<string, string>)));
    }
    const claimed = await this.transactions.run((tx) => this.oneTimeKeys.claimForDevices(tx, requests));
    return { one_time_keys: claimed } as JsonObject;
  }

  private isLocal(userId: string): boolean {
    return tryServerNameOf(userId) === this.config.server_name;
  }
}

function objectOf(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MatrixError('M_BAD_JSON', 400, `${field} must be an object`);
  return value as Record<string, unknown>;
}
