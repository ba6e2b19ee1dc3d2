import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { RemoteKeys } from '@switchboard/rooms';
import { RemoteDeviceList } from '@switchboard/storage';
import { FederationClient } from '../transport/federation-client';
import { RemoteDeviceLists } from './remote-device-lists.service';

/** The keys/query and keys/claim that client-api sends on to the users' servers. */
@Injectable()
export class RemoteUserKeys implements RemoteKeys {
  constructor(
    private readonly client: FederationClient,
    private readonly lists: RemoteDeviceLists,
  ) {}

  /**
   * Answered from the users' cached device lists, or else from GET /user/devices of each user
   * (server-server-api "Device Management"), the request Synapse resyncs a user's device list with
   * and SyTest's fake servers answer, in the shape of POST /user/keys/query: the devices asked for
   * (all when none is named) that have keys, each with its display name in unsigned, and the
   * user's cross-signing keys.
   */
  async query(server: string, deviceKeys: Record<string, string[]>, timeoutMs: number): Promise<JsonObject> {
    const out = {
      device_keys: {} as JsonObject,
      master_keys: {} as JsonObject,
      self_signing_keys: {} as JsonObject,
    };
    for (const list of await this.lists.listsOf(server, Object.keys(deviceKeys), timeoutMs)) {
      out.device_keys[list.userId] = deviceKeysOf(list, deviceKeys[list.userId] ?? []);
      if (list.masterKey) out.master_keys[list.userId] = list.masterKey;
      if (list.selfSigningKey) out.self_signing_keys[list.userId] = list.selfSigningKey;
    }
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

function deviceKeysOf(list: RemoteDeviceList, deviceIds: readonly string[]): JsonObject {
  const devices: JsonObject = {};
  for (const device of list.devices) {
    if (device.keys === null) continue;
    if (deviceIds.length > 0 && !deviceIds.includes(device.deviceId)) continue;
    devices[device.deviceId] = {
      ...device.keys,
      unsigned: {
        ...(device.keys.unsigned as JsonObject),
        ...(device.displayName === null ? {} : { device_display_name: device.displayName }),
      },
    };
  }
  return devices;
}
