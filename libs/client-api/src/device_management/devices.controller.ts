import { Body, Controller, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ClientDevice,
  deleteDevice,
  deleteDevices,
  getDevice,
  getDevices,
  GetDevicesResponse,
  updateDevice,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringArrayField, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { DevicesService } from './devices.service';

type Empty = Record<string, never>;

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  /** GET /_matrix/client/v3/devices — client-server-api "Device management". */
  @MatrixRoute(getDevices)
  async getDevices(@Requester() requester: Requester): Promise<GetDevicesResponse> {
    return { devices: await this.devices.list(requester.userId) };
  }

  /** GET /_matrix/client/v3/devices/{deviceId} — client-server-api "Device management"; 404 M_NOT_FOUND. */
  @MatrixRoute(getDevice)
  getDevice(@Requester() requester: Requester, @Param('deviceId') deviceId: string): Promise<ClientDevice> {
    return this.devices.get(requester.userId, deviceId);
  }

  /**
   * PUT /_matrix/client/v3/devices/{deviceId} — client-server-api "Device management"; 404
   * M_NOT_FOUND. MSC4190: 201 when an application service created the device.
   */
  @MatrixRoute(updateDevice)
  async updateDevice(
    @Requester() requester: Requester,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Empty> {
    const displayName = stringField(jsonObject(body), 'display_name');
    if (await this.devices.update(requester, deviceId, displayName)) reply.status(201);
    return {};
  }

  /** DELETE /_matrix/client/v3/devices/{deviceId} — client-server-api "Device management"; UIA. */
  @MatrixRoute(deleteDevice)
  async deleteDevice(
    @Requester() requester: Requester,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.devices.delete(requester, [deviceId], jsonObject(body, { orEmpty: true }).auth, false);
    return {};
  }

  /** POST /_matrix/client/v3/delete_devices — client-server-api "Device management"; UIA. */
  @MatrixRoute(deleteDevices)
  async deleteDevices(@Requester() requester: Requester, @Body() body: unknown): Promise<Empty> {
    const request = jsonObject(body);
    await this.devices.delete(requester, stringArrayField(request, 'devices'), request.auth, true);
    return {};
  }
}
