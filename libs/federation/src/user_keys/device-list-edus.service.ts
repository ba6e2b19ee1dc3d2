import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { Edu, JsonObject, tryServerNameOf } from '@switchboard/protocol';
import { DeviceListOutbound } from '@switchboard/rooms';
import {
  DeviceListChangesRepository,
  DevicesRepository,
  FederationOutboxRepository,
  LocalE2eKeysRepository,
  Transactions,
} from '@switchboard/storage';
import { DestinationSender } from '../outbox/destination-sender.service';
import { RemoteDeviceLists, UpdateOutcome } from './remote-device-lists.service';

/**
 * Device lists between servers (server-server-api "Device Management"): local users' changes go
 * as `m.device_list_update` (one per device, `deleted` when it is gone) and `m.signing_key_update`
 * EDUs to every server sharing a room with them, through the outbox; received ones update the
 * cache of the remote user's list (RemoteDeviceLists), which tells local /sync.
 */
@Injectable()
export class DeviceListEdus implements DeviceListOutbound {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly sender: DestinationSender,
    private readonly devices: DevicesRepository,
    private readonly localKeys: LocalE2eKeysRepository,
    private readonly changes: DeviceListChangesRepository,
    private readonly remoteLists: RemoteDeviceLists,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async devicesChanged(userId: string, deviceIds: readonly string[] | null): Promise<void> {
    const q = this.transactions.reader;
    const keys = (await this.localKeys.query(q, new Map([[userId, []]]), null)).device_keys[userId] ?? {};
    const existing = new Map((await this.devices.list(q, userId)).map((d) => [d.deviceId, d]));
    const streamId = await this.changes.streamIdOf(q, userId);
    const prevStreamId = await this.changes.prevStreamIdOf(q, userId);
    const edus: Edu[] = (deviceIds ?? [...existing.keys()]).map((deviceId) => {
      const device = existing.get(deviceId);
      const { unsigned: _unsigned, ...deviceKeys } = (keys[deviceId] ?? {}) as JsonObject;
      const content: JsonObject = {
        user_id: userId,
        device_id: deviceId,
        stream_id: streamId,
        prev_id: prevStreamId === undefined ? [] : [prevStreamId],
      };
      if (!device) content.deleted = true;
      if (device?.displayName) content.device_display_name = device.displayName;
      if (keys[deviceId]) content.keys = deviceKeys;
      return { edu_type: 'm.device_list_update', content };
    });
    await this.send(userId, edus);
  }

  async crossSigningChanged(userId: string): Promise<void> {
    const keys = await this.localKeys.query(this.transactions.reader, new Map([[userId, []]]), null);
    const content: JsonObject = { user_id: userId };
    if (keys.master_keys[userId]) content.master_key = keys.master_keys[userId];
    if (keys.self_signing_keys[userId]) content.self_signing_key = keys.self_signing_keys[userId];
    await this.send(userId, [{ edu_type: 'm.signing_key_update', content }]);
  }

  /**
   * A received `m.device_list_update` or `m.signing_key_update`: the origin speaks for its own
   * users only. Never throws: the caller need not wait for it (see InboundEdus).
   */
  receive(origin: string, eduType: string, content: Record<string, unknown>): Promise<UpdateOutcome> {
    const userId = content.user_id;
    if (typeof userId !== 'string' || tryServerNameOf(userId) !== origin) return Promise.resolve('ignored');
    const outcome =
      eduType === 'm.signing_key_update'
        ? this.remoteLists.signingKeyUpdate(content)
        : this.remoteLists.deviceListUpdate(origin, content);
    return outcome.catch((err: unknown) => {
      this.logger.warn(
        { err, origin, user_id: userId, edu_type: eduType },
        'applying a device list EDU failed',
      );
      return 'ignored' as const;
    });
  }

  private async send(userId: string, edus: readonly Edu[]): Promise<void> {
    if (edus.length === 0) return;
    const servers = await this.outbox.serversSharingRoomWith(this.transactions.reader, userId);
    const destinations = servers.filter((s) => s !== this.config.server_name);
    await this.outbox.add(
      this.transactions.reader,
      destinations.flatMap((destination) => edus.map((edu) => ({ destination, edu }))),
    );
    for (const destination of destinations) this.sender.wake(destination);
  }
}
