import { Injectable } from '@nestjs/common';
import { DeviceListChangesRepository, Transactions } from '@switchboard/storage';

/** Positions of the two streams that decide device-list news: device lists and room events. */
export interface DeviceListSpan {
  devicesFrom: number;
  devicesTo: number;
  eventsFrom: number;
  /** null: up to now. */
  eventsTo: number | null;
}

export interface DeviceListNews {
  changed: string[];
  left: string[];
}

/**
 * Whose device lists a user should fetch again, and whose to stop tracking (client-server-api
 * "Tracking the device list for a user"): `changed` has everyone sharing a room with the user whose
 * devices or keys changed, the user itself, and "users who ... have newly joined a room with the
 * user"; `left` has those who "no longer share any encrypted rooms" with the user. Every room
 * counts as encrypted, as in Synapse: a user who is told too much only fetches keys again.
 */
@Injectable()
export class DeviceListChanges {
  constructor(
    private readonly transactions: Transactions,
    private readonly changes: DeviceListChangesRepository,
  ) {}

  async between(userId: string, span: DeviceListSpan): Promise<DeviceListNews> {
    const q = this.transactions.reader;
    const changed = new Set(
      span.devicesFrom < span.devicesTo
        ? await this.changes.changedFor(q, userId, span.devicesFrom, span.devicesTo)
        : [],
    );
    const hasEvents = span.eventsTo === null || span.eventsFrom < span.eventsTo;
    const joined = hasEvents ? await this.changes.joinedSince(q, userId, span.eventsFrom, span.eventsTo) : [];
    for (const other of joined) if (other !== userId) changed.add(other);
    const departed = hasEvents
      ? (await this.changes.departedSince(q, userId, span.eventsFrom, span.eventsTo)).filter(
          (u) => u !== userId,
        )
      : [];
    const sharing = await this.changes.sharingARoom(q, userId, departed);
    const left = [...new Set(departed)].filter((u) => !sharing.has(u)).sort();
    for (const gone of left) changed.delete(gone);
    return { changed: [...changed].sort(), left };
  }
}
