import { Injectable } from '@nestjs/common';
import {
  ClientDevice,
  deleteDevice,
  deleteDevices,
  LOGIN_PASSWORD,
  MatrixError,
} from '@switchboard/protocol';
import { DeviceRow, DevicesRepository, Transactions } from '@switchboard/storage';
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
  ) {}

  async list(userId: string): Promise<ClientDevice[]> {
    return (await this.devices.list(this.transactions.reader, userId)).map(toClientDevice);
  }

  async get(userId: string, deviceId: string): Promise<ClientDevice> {
    const device = await this.devices.get(this.transactions.reader, userId, deviceId);
    if (!device) throw notFound();
    return toClientDevice(device);
  }

  /** Regular clients "may only update existing devices": an unknown one is 404. */
  async update(userId: string, deviceId: string, displayName: string | undefined): Promise<void> {
    const exists =
      displayName === undefined
        ? (await this.devices.get(this.transactions.reader, userId, deviceId)) !== null
        : await this.devices.setDisplayName(this.transactions.reader, userId, deviceId, displayName);
    if (!exists) throw notFound();
    // A new display name is in keys/query's unsigned.device_display_name.
    if (displayName !== undefined) await this.deviceLists.changed(userId, [deviceId]);
  }

  /**
   * DELETE /devices/{deviceId} and POST /delete_devices, behind m.login.password. "The devices
   * were successfully removed, or had been removed previously": unknown IDs are not an error.
   */
  async delete(requester: Requester, deviceIds: string[], auth: unknown, bulk: boolean): Promise<void> {
    const endpoint = bulk ? deleteDevices : deleteDevice;
    const outcome = await this.uia.authenticate(auth, {
      operation: `${endpoint.method} ${endpoint.path}`,
      subject: [...new Set(deviceIds)].sort(),
      userId: requester.userId,
      flows: [[LOGIN_PASSWORD]],
    });
    await this.transactions.run(async (tx) => {
      await this.devices.delete(tx, requester.userId, deviceIds);
      await this.uia.finish(tx, outcome);
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
