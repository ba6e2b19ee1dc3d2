import { Injectable } from '@nestjs/common';
import { presenceEvent } from '@switchboard/protocol';
import {
  AppserviceEphemeralRepository,
  AppserviceOutboxEntry,
  PresenceRepository,
  PresenceRow,
  Queryable,
} from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';
import { EphemeralSource } from './ephemeral-source';
import { PRESENCE_STREAM } from './ephemeral-streams';

// As client-api's presence stream: a user seen in the last minute is "currently active".
const CURRENTLY_ACTIVE_MS = 60_000;

/**
 * Presence of the users in a service's namespace and of those joined to rooms that interest it,
 * as /sync gives it (MSC2409: `{type: m.presence, sender, content}`).
 */
@Injectable()
export class PresenceSource implements EphemeralSource<PresenceRow> {
  readonly stream = PRESENCE_STREAM;

  constructor(
    private readonly presence: PresenceRepository,
    private readonly ephemeral: AppserviceEphemeralRepository,
  ) {}

  wants(service: Appservice): boolean {
    return service.registration.receive_ephemeral;
  }

  current(q: Queryable): Promise<number> {
    return this.presence.maxStreamId(q);
  }

  read(q: Queryable, after: number, limit: number): Promise<PresenceRow[]> {
    return this.ephemeral.presenceAfter(q, after, limit);
  }

  async entries(
    rows: readonly PresenceRow[],
    interest: AppserviceInterest,
  ): Promise<AppserviceOutboxEntry[]> {
    const now = Date.now();
    const entries: AppserviceOutboxEntry[] = [];
    for (const row of rows) {
      const services = await interest.inUser(row.userId);
      if (services.length === 0) continue;
      // "The last active time must be up to date whenever the server gives a presence event".
      const lastActiveAgo = Math.max(0, now - row.lastActiveTs);
      const event = presenceEvent(row.userId, {
        presence: row.presence,
        last_active_ago: lastActiveAgo,
        ...(row.statusMsg !== null ? { status_msg: row.statusMsg } : {}),
        currently_active: row.presence === 'online' && lastActiveAgo < CURRENTLY_ACTIVE_MS,
      });
      for (const service of services) entries.push({ appserviceId: service.id, ephemeral: { ...event } });
    }
    return entries;
  }
}
