import {
  MatrixError,
  parseRoomEventFilter,
  RoomEventFilter,
  SEARCH_KEYS,
  SearchKey,
} from '@switchboard/protocol';
import { isJsonObject, JsonObject, objectField, stringField } from '../accounts/request-body';

export type GroupKey = 'room_id' | 'sender';

export interface EventContextRequest {
  beforeLimit: number;
  afterLimit: number;
  includeProfile: boolean;
}

/** The `room_events` criteria of POST /search, checked and with the spec's defaults. */
export interface RoomEventsCriteria {
  searchTerm: string;
  keys: SearchKey[];
  filter?: RoomEventFilter;
  orderBy: 'rank' | 'recent';
  eventContext?: EventContextRequest;
  includeState: boolean;
  groupBy: GroupKey[];
}

/** "By default, this is 5" for both sides of event_context. */
const CONTEXT_DEFAULT = 5;
const CONTEXT_MAX = 100;

/** The body's `search_categories.room_events`, or undefined when no category was asked for. */
export function parseSearchBody(body: JsonObject): RoomEventsCriteria | undefined {
  const categories = objectField(body, 'search_categories');
  if (!categories) throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: search_categories');
  const roomEvents = objectField(categories, 'room_events');
  return roomEvents ? parseRoomEvents(roomEvents) : undefined;
}

function parseRoomEvents(criteria: JsonObject): RoomEventsCriteria {
  const filter = criteria.filter ?? undefined;
  return {
    searchTerm: stringField(criteria, 'search_term', { required: true }),
    keys: parseKeys(criteria.keys ?? undefined),
    filter: filter === undefined ? undefined : parseRoomEventFilter(filter, 'filter'),
    orderBy: parseOrderBy(criteria.order_by ?? undefined),
    eventContext: parseEventContext(objectField(criteria, 'event_context')),
    includeState: parseBoolean(criteria.include_state ?? undefined, 'include_state'),
    groupBy: parseGroupings(objectField(criteria, 'groupings')),
  };
}

/** "The keys to search. Defaults to all." */
function parseKeys(value: unknown): SearchKey[] {
  if (value === undefined) return Object.keys(SEARCH_KEYS) as SearchKey[];
  if (!Array.isArray(value)) throw new MatrixError('M_BAD_JSON', 400, 'keys must be an array');
  for (const key of value) {
    if (typeof key !== 'string' || !(key in SEARCH_KEYS))
      throw new MatrixError('M_INVALID_PARAM', 400, `Unknown search key ${String(key)}`);
  }
  return value as SearchKey[];
}

function parseOrderBy(value: unknown): 'rank' | 'recent' {
  if (value === undefined || value === 'rank' || value === 'recent') return value ?? 'rank';
  throw new MatrixError('M_INVALID_PARAM', 400, 'order_by must be rank or recent');
}

function parseEventContext(context: JsonObject | undefined): EventContextRequest | undefined {
  if (!context) return undefined;
  return {
    beforeLimit: parseLimit(context.before_limit ?? undefined, 'before_limit'),
    afterLimit: parseLimit(context.after_limit ?? undefined, 'after_limit'),
    includeProfile: parseBoolean(context.include_profile ?? undefined, 'include_profile'),
  };
}

function parseLimit(value: unknown, field: string): number {
  if (value === undefined) return CONTEXT_DEFAULT;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new MatrixError('M_BAD_JSON', 400, `${field} must be a non-negative integer`);
  return Math.min(value, CONTEXT_MAX);
}

function parseBoolean(value: unknown, field: string): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  throw new MatrixError('M_BAD_JSON', 400, `${field} must be a boolean`);
}

function parseGroupings(groupings: JsonObject | undefined): GroupKey[] {
  const groupBy = groupings?.group_by ?? undefined;
  if (groupBy === undefined) return [];
  if (!Array.isArray(groupBy)) throw new MatrixError('M_BAD_JSON', 400, 'group_by must be an array');
  return groupBy.map((group) => {
    const key = isJsonObject(group) ? group.key : undefined;
    if (key === 'room_id' || key === 'sender') return key;
    throw new MatrixError('M_INVALID_PARAM', 400, 'group_by keys must be room_id or sender');
  });
}

/**
 * The words of a search term, lower-cased, as the index sees them: runs of letters and digits
 * (so nothing in them can be read as text-search syntax).
 */
export function searchWords(term: string): string[] {
  return [...new Set(term.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}
