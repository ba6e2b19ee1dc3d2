import { Injectable } from '@nestjs/common';
import { IdentifiedPdu } from '@switchboard/protocol';
import { Queryable } from '@switchboard/storage';
import { referencedIds } from '../perform/current-state-writer';
import { EventCache } from '../query/event-cache';

/** server-server-api "auth chain": the auth events of some events, their auth events, and so on. */
@Injectable()
export class AuthChains {
  constructor(private readonly cache: EventCache) {}

  /** The chain of `eventIds`, without them unless one is in another's chain; oldest first. */
  async of(q: Queryable, eventIds: readonly string[]): Promise<IdentifiedPdu[]> {
    const seen = new Map<string, IdentifiedPdu>();
    let frontier = [...new Set((await this.cache.getMany(q, eventIds)).values())].flatMap((e) =>
      referencedIds(e.pdu.auth_events),
    );
    while (frontier.length > 0) {
      const wanted = [...new Set(frontier)].filter((id) => !seen.has(id));
      const found = await this.cache.getMany(q, wanted);
      frontier = [];
      for (const event of found.values()) {
        seen.set(event.eventId, event);
        frontier.push(...referencedIds(event.pdu.auth_events));
      }
    }
    return [...seen.values()].sort((a, b) => a.pdu.depth - b.pdu.depth);
  }
}
