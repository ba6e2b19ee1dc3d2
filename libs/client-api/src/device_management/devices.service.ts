import { Injectable } from '@nestjs/common';
import { AppserviceRegistry } from '@switchboard/appservice';
import {
  ClientDevice,
  deleteDevice,
  deleteDevices,
  LOGIN_PASSWORD,
  MatrixError,
} from '@switchboard/protocol';
import { DeviceRow, DevicesRepository, Transactions } from '@switchboard/storage';
import { managesDevices } from '../auth/appservice-requester';
import { Requester } from '../auth/requester';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';

/** client-server-api "Device management". Deleting a device invalidates its tokens (they cascade). */
@Injectable()
export class DevicesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly devices: DevicesRepository,
    private readonly uia: UserInteractiveAuthService,
    private readonly deviceLists: DeviceListUpdates,
    private readonly appservices: AppserviceRegistry,
  ) {}

  async list(userId: string): Promise<ClientDevice[]> {
    return (await this.devices.list(this.transactions.reader, userId)).map(toClientDevice);
  }

  async get(userId: string, deviceId: string): Promise<ClientDevice> {
    const device = await this.devices.get(this.transactions.reader, userId, deviceId);
    if (!device) throw notFound();
    return toClientDevice(device);
  }

  /**
   * Regular clients "may only update existing devices": an unknown one is 404. An application
   * service that manages its users' devices (MSC4190) creates it: true then, for a 201.
   */
  async update(requester: Requester, deviceId: string, displayName: string | undefined): Promise<boolean> {
    const userId = requester.userId;
    if (managesDevices(this.appservices, requester)) {
      if (deviceId.length > 255)
        throw new MatrixError('M_INVALID_PARAM', 400, 'A device ID has at most 255 characters');
      const device = { userId, deviceId, displayName: displayName ?? null, createdTs: Date.now() };
      if (await this.devices.createIfMissing(this.transactions.reader, device)) {
        await this.deviceLists.changed(userId, [deviceId]);
        return true;
      }
    }
    const exists =
      displayName === undefined
        ? (await this.devices.get(this.transactions.reader, userId, deviceId)) !== null
        : await this.devices.setDisplayName(this.transactions.reader, userId, deviceId, displayName);
    if (!exists) throw notFound();
    // A new display name is in keys/query's unsigned.device_display_name.
    if (displayName !== undefined) await this.deviceLists.changed(userId, [deviceId]);
    return false;
  }

  /**
   * DELETE /devices/{deviceId} and POST /delete_devices, behind m.login.password. "The devices
   * were successfully removed, or had been removed previously": unknown IDs are not an error.
   * MSC4190: "This endpoint no longer requires User-Interactive Authentication for application
   * services" that manage their users' devices.
   */
  async delete(requester: Requester, deviceIds: string[], auth: unknown, bulk: boolean): Promise<void> {
    const endpoint = bulk ? deleteDevices : deleteDevice;
    const outcome = managesDevices(this.appservices, requester)
      ? null
      : await this.uia.authenticate(auth, {
          operation: `${endpoint.method} ${endpoint.path}`,
          subject: [...new Set(deviceIds)].sort(),
          userId: requester.userId,
          flows: [[LOGIN_PASSWORD]],
        });
    await this.transactions.run(async (tx) => {
      await this.devices.delete(tx, requester.userId, deviceIds);
      if (outcome) await this.uia.finish(tx, outcome);
    });
    await this.deviceLists.changed(requester.userId, deviceIds);
  }
}

function toClientDevice(device: DeviceRow): ClientDevice {
  return {
    device_id: device.deviceId,
    ...(device.displayName !== null ? { display_name: device.displayName } : {}),
    ...(device.lastSeenIp !== null ? { last_seen_ip: device.lastSeenIp } : {}),
    ...(device.lastSeenTs !== null ? { last_seen_ts: device.lastSeenTs } : {}),
  };
}

function notFound(): MatrixError {
  return new MatrixError('M_NOT_FOUND', 404, 'Unknown device');
}
