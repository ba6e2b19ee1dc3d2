import { MatrixError } from '../errors/matrix-error';
import { EventReference } from '../events/pdu.types';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu } from '../state/state-map';
import { AuthChainCache } from './auth-chain-cache';
import { EventLookup } from './state-res.types';

const CREATE = 'm.room.create';

/**
 * The events one resolution reads, through the caller's lookup, with the auth edges memoised in an
 * AuthChainCache. Every algorithm step asks it, so a missing event is one typed error.
 */
export class EventSource {
  constructor(
    readonly version: RoomVersion,
    private readonly lookup: EventLookup,
    readonly cache: AuthChainCache,
  ) {}

  get(eventId: string): IdentifiedPdu {
    const event = this.lookup(eventId);
    if (event === undefined) {
      const message = `State resolution needs event ${eventId}, which is not available`;
      throw new MatrixError('M_NOT_FOUND', 404, message, { event_id: eventId });
    }
    return event;
  }

  /**
   * The event's auth events. In room version 12 "the `room_id` (being the `m.room.create` event's
   * ID) implies" the create event, which "MUST NOT be selected for `auth_events`", so it is added
   * here: the power ordering needs the creators and the iterative auth checks start from nothing.
   */
  authEventIds(eventId: string): readonly string[] {
    const cached = this.cache.authEdges.get(eventId);
    if (cached !== undefined) return cached;
    const { pdu } = this.get(eventId);
    const ids = (Array.isArray(pdu.auth_events) ? pdu.auth_events : []).map(referencedId);
    if (this.version.roomIdFromCreateEvent && pdu.type !== CREATE && typeof pdu.room_id === 'string') {
      const createId = `$${pdu.room_id.slice(1)}`;
      if (!ids.includes(createId)) ids.push(createId);
    }
    this.cache.authEdges.set(eventId, ids);
    return ids;
  }

  /** The ID of the event's auth event of this type with an empty state key (create, power levels). */
  authEventOfType(eventId: string, type: string): string | undefined {
    const memo = this.cache.singletonEdges.get(eventId);
    if (memo?.has(type)) return memo.get(type) ?? undefined;
    // The rules reject an event listing two of a kind; were one let through, the first counts.
    const found = this.authEventIds(eventId).find((authId) => {
      const { pdu } = this.get(authId);
      return pdu.type === type && pdu.state_key === '';
    });
    const edges = memo ?? new Map<string, string | null>();
    edges.set(type, found ?? null);
    if (memo === undefined) this.cache.singletonEdges.set(eventId, edges);
    return found;
  }
}

function referencedId(ref: EventReference): string {
  return typeof ref === 'string' ? ref : ref[0];
}
