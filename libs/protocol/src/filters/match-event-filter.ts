import { JsonObject, JsonValue } from '../events/pdu.types';
import { EventFilter, RoomEventFilter } from './filter.types';
import { matchesWildcard } from './wildcard';

const exactly = (pattern: string, value: string): boolean => pattern === value;

/**
 * One include/exclude pair. An absent include list includes everything, an empty one nothing;
 * and "A matching [value] will be excluded even if it is listed in the [include] filter."
 */
function passes(
  value: JsonValue | undefined,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  matches: (pattern: string, value: string) => boolean,
): boolean {
  const s = typeof value === 'string' ? value : undefined;
  if (s !== undefined && exclude?.some((pattern) => matches(pattern, s))) return false;
  if (include === undefined) return true;
  return s !== undefined && include.some((pattern) => matches(pattern, s));
}

function objectAt(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/**
 * "If `true`, includes only events with a `url` key in their content. If `false`, excludes those
 * events. If omitted, `url` key is not considered for filtering."
 */
function passesContainsUrl(containsUrl: boolean | undefined, content: JsonObject | undefined): boolean {
  if (containsUrl === undefined) return true;
  return containsUrl === (content !== undefined && Object.hasOwn(content, 'url'));
}

/**
 * Whether a client-format event passes an EventFilter or RoomEventFilter. An event lacking the
 * field a list tests (no `room_id` on an account data event, say) passes only when no include
 * list names that field. `limit` is not a property of one event: see `applyEventFilter`.
 */
export function matchesEventFilter(filter: EventFilter | RoomEventFilter, event: JsonObject): boolean {
  const f: RoomEventFilter = filter;
  const content = objectAt(event.content);
  const relation = objectAt(content?.['m.relates_to']);
  return (
    passes(event.type, f.types, f.not_types, matchesWildcard) &&
    passes(event.sender, f.senders, f.not_senders, exactly) &&
    passes(event.room_id, f.rooms, f.not_rooms, exactly) &&
    passes(relation?.rel_type, f.rel_types, f.not_rel_types, exactly) &&
    passesContainsUrl(f.contains_url, content)
  );
}

export interface FilterLimits {
  /** Used when the filter sets no `limit`: "Servers should apply a default value". */
  defaultLimit: number;
  /** The server's cap: servers should "impose a maximum value to avoid resource exhaustion". */
  maxLimit: number;
}

export function eventFilterLimit(filter: EventFilter | undefined, limits: FilterLimits): number {
  return Math.min(filter?.limit ?? limits.defaultLimit, limits.maxLimit);
}

/**
 * The events that pass the filter, at most its limit, taken from the front: pass them in the order
 * to keep (newest first for a sync timeline).
 */
export function applyEventFilter<E extends JsonObject>(
  filter: EventFilter | undefined,
  events: readonly E[],
  limits: FilterLimits,
): E[] {
  const limit = eventFilterLimit(filter, limits);
  const out: E[] = [];
  for (const event of events) {
    if (out.length >= limit) break;
    if (filter === undefined || matchesEventFilter(filter, event)) out.push(event);
  }
  return out;
}
