import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import {
  AppserviceEphemeralRepository,
  AppserviceOutboxEntry,
  InboxMessageRow,
  Queryable,
  ToDeviceRepository,
} from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';
import { EphemeralSource } from './ephemeral-source';
import { TO_DEVICE_STREAM } from './ephemeral-streams';

/**
 * Send-to-device messages for the devices of users a service may act as (MSC2409's to-device
 * part, MSC4203), each once, as `{type, sender, to_user_id, to_device_id, content}`: the service
 * has no /sync of its own for its users' devices. Like Synapse, only services that receive
 * ephemeral data get them.
 */
@Injectable()
export class ToDeviceSource implements EphemeralSource<InboxMessageRow> {
  readonly stream = TO_DEVICE_STREAM;

  constructor(
    private readonly toDevice: ToDeviceRepository,
    private readonly ephemeral: AppserviceEphemeralRepository,
  ) {}

  wants(service: Appservice): boolean {
    return service.registration.receive_ephemeral;
  }

  current(q: Queryable): Promise<number> {
    return this.toDevice.position(q);
  }

  read(q: Queryable, after: number, limit: number): Promise<InboxMessageRow[]> {
    return this.ephemeral.inboxAfter(q, after, limit);
  }

  async entries(
    rows: readonly InboxMessageRow[],
    interest: AppserviceInterest,
  ): Promise<AppserviceOutboxEntry[]> {
    const entries: AppserviceOutboxEntry[] = [];
    for (const row of rows) {
      const message = {
        type: row.type,
        sender: row.sender,
        to_user_id: row.userId,
        to_device_id: row.deviceId,
        content: row.content as JsonObject,
      };
      for (const service of interest.actingAs(row.userId)) {
        entries.push({ appserviceId: service.id, toDevice: message });
      }
    }
    return entries;
  }
}
