import { Injectable } from '@nestjs/common';
import {
  AppserviceEphemeralRepository,
  AppserviceOutboxEntry,
  DeviceListChangeRow,
  DeviceListChangesRepository,
  Queryable,
} from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';
import { EphemeralSource } from './ephemeral-source';
import { DEVICE_LISTS_STREAM } from './ephemeral-streams';

/**
 * MSC3202 `device_lists.changed` for services that asked for it (`org.matrix.msc3202`): the users
 * in their namespace and those joined to rooms that interest them whose devices or keys changed,
 * so an encrypting bridge knows whose devices to fetch again. `left` stays empty, as in Synapse:
 * a departure is no device-list change.
 */
@Injectable()
export class DeviceListsSource implements EphemeralSource<DeviceListChangeRow> {
  readonly stream = DEVICE_LISTS_STREAM;

  constructor(
    private readonly changes: DeviceListChangesRepository,
    private readonly ephemeral: AppserviceEphemeralRepository,
  ) {}

  wants(service: Appservice): boolean {
    return service.registration.msc3202;
  }

  current(q: Queryable): Promise<number> {
    return this.changes.maxStreamId(q);
  }

  read(q: Queryable, after: number, limit: number): Promise<DeviceListChangeRow[]> {
    return this.ephemeral.deviceListChangesAfter(q, after, limit);
  }

  async entries(
    rows: readonly DeviceListChangeRow[],
    interest: AppserviceInterest,
  ): Promise<AppserviceOutboxEntry[]> {
    const changed = new Map<string, string[]>();
    for (const row of rows) {
      for (const service of await interest.inUser(row.userId)) {
        changed.set(service.id, [...(changed.get(service.id) ?? []), row.userId]);
      }
    }
    return [...changed].map(([appserviceId, userIds]) => ({
      appserviceId,
      deviceLists: { changed: userIds, left: [] },
    }));
  }
}
