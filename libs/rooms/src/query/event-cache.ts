import { Injectable } from '@nestjs/common';
import { IdentifiedPdu, StateMap } from '@switchboard/protocol';
import { EventsRepository, Queryable } from '@switchboard/storage';

const CAPACITY = 50_000;

/**
 * PDUs by event ID. Events never change once stored (a redaction is applied when serving), so a
 * cached copy is always right; the cache only saves the JSON parse and the round trip.
 */
@Injectable()
export class EventCache {
  private readonly cache = new Map<string, IdentifiedPdu>();

  constructor(private readonly events: EventsRepository) {}

  remember(event: IdentifiedPdu): void {
    this.cache.delete(event.eventId);
    this.cache.set(event.eventId, event);
    if (this.cache.size > CAPACITY) this.cache.delete(this.cache.keys().next().value as string);
  }

  async getMany(q: Queryable, eventIds: readonly string[]): Promise<Map<string, IdentifiedPdu>> {
    const found = new Map<string, IdentifiedPdu>();
    const missing: string[] = [];
    for (const id of eventIds) {
      const hit = this.cache.get(id);
      if (hit) found.set(id, hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const [id, row] of await this.events.getMany(q, missing)) {
        const event = { eventId: id, pdu: row.pdu };
        this.remember(event);
        found.set(id, event);
      }
    }
    return found;
  }

  /** A state map of event IDs as the events themselves; IDs the store lacks are left out. */
  async stateEvents(
    q: Queryable,
    state: Iterable<readonly [string, string]>,
  ): Promise<StateMap<IdentifiedPdu>> {
    const entries = [...state];
    const events = await this.getMany(
      q,
      entries.map(([, id]) => id),
    );
    const out = new Map<string, IdentifiedPdu>();
    for (const [key, id] of entries) {
      const event = events.get(id);
      if (event) out.set(key, event);
    }
    return out;
  }
}
