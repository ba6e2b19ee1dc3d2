import { Injectable } from '@nestjs/common';
import { JsonObject, UserDevicesResponse } from '@switchboard/protocol';
import { RemoteKeys } from '@switchboard/rooms';
import { FederationClient } from '../transport/federation-client';

/** The keys/query and keys/claim that client-api sends on to the users' servers. */
@Injectable()
export class RemoteUserKeys implements RemoteKeys {
  constructor(private readonly client: FederationClient) {}

  /**
   * Answered from GET /user/devices of each user (server-server-api "Device Management"), the
   * request Synapse resyncs a user's device list with and SyTest's fake servers answer, in the
   * shape of POST /user/keys/query: the devices asked for (all when none is named), each with its
   * display name in unsigned, and the user's cross-signing keys.
   */
  async query(server: string, deviceKeys: Record<string, string[]>, timeoutMs: number): Promise<JsonObject> {
    const out = {
      device_keys: {} as JsonObject,
      master_keys: {} as JsonObject,
      self_signing_keys: {} as JsonObject,
    };
    await Promise.all(
      Object.entries(deviceKeys).map(async ([userId, deviceIds]) => {
        const answer = await this.client.request<UserDevicesResponse>(server, {
          method: 'GET',
          path: `/_matrix/federation/v1/user/devices/${encodeURIComponent(userId)}`,
          timeoutMs,
        });
        const devices: JsonObject = {};
        for (const device of Array.isArray(answer.devices) ? answer.devices : []) {
          if (
            typeof device?.device_id !== 'string' ||
            typeof device.keys !== 'object' ||
            device.keys === null
          )
            continue;
          if (deviceIds.length > 0 && !deviceIds.includes(device.device_id)) continue;
          const keys = device.keys as unknown as JsonObject;
          const name =
            typeof device.device_display_name === 'string' ? device.device_display_name : undefined;
          devices[device.device_id] = {
            ...keys,
            unsigned: {
              ...(keys.unsigned as JsonObject),
              ...(name === undefined ? {} : { device_display_name: name }),
            },
          };
        }
        out.device_keys[userId] = devices;
        if (answer.master_key) out.master_keys[userId] = answer.master_key as unknown as JsonObject;
        if (answer.self_signing_key)
          out.self_signing_keys[userId] = answer.self_signing_key as unknown as JsonObject;
      }),
    );
    return out;
  }

  claim(
    server: string,
    oneTimeKeys: Record<string, Record<string, string>>,
    timeoutMs: number,
  ): Promise<JsonObject> {
    return this.client.request<JsonObject>(server, {
      method: 'POST',
      path: '/_matrix/federation/v1/user/keys/claim',
      body: { one_time_keys: oneTimeKeys },
      timeoutMs,
    });
  }
}
