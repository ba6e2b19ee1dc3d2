import { MatrixError } from '../errors/matrix-error';
import { JsonObject } from '../events/pdu.types';
import {
  badJson,
  isJsonObject,
  optionalBoolean,
  optionalLimit,
  optionalObject,
  optionalStrings,
} from './filter-fields';
import { EventFilter, FilterEventFormat, Filter, RoomEventFilter, RoomFilter } from './filter.types';

/** Drops absent fields, so a parsed filter equals the uploaded one field for field. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function eventFilter(obj: JsonObject, field: string): EventFilter {
  return {
    limit: optionalLimit(obj, 'limit', field),
    types: optionalStrings(obj, 'types', field),
    not_types: optionalStrings(obj, 'not_types', field),
    senders: optionalStrings(obj, 'senders', field, '@'),
    not_senders: optionalStrings(obj, 'not_senders', field, '@'),
  };
}

export function parseEventFilter(value: unknown, field = 'filter'): EventFilter {
  if (!isJsonObject(value)) throw badJson(field, 'an object');
  return present(eventFilter(value, field));
}

export function parseRoomEventFilter(value: unknown, field = 'filter'): RoomEventFilter {
  if (!isJsonObject(value)) throw badJson(field, 'an object');
  return present<RoomEventFilter>({
    ...eventFilter(value, field),
    rooms: optionalStrings(value, 'rooms', field, '!'),
    not_rooms: optionalStrings(value, 'not_rooms', field, '!'),
    contains_url: optionalBoolean(value, 'contains_url', field),
    lazy_load_members: optionalBoolean(value, 'lazy_load_members', field),
    include_redundant_members: optionalBoolean(value, 'include_redundant_members', field),
    unread_thread_notifications: optionalBoolean(value, 'unread_thread_notifications', field),
    rel_types: optionalStrings(value, 'rel_types', field),
    not_rel_types: optionalStrings(value, 'not_rel_types', field),
  });
}

function optionalRoomEventFilter(obj: JsonObject, key: string, field: string): RoomEventFilter | undefined {
  const value = optionalObject(obj, key, field);
  return value === undefined ? undefined : parseRoomEventFilter(value, `${field}.${key}`);
}

function roomFilter(value: JsonObject): RoomFilter {
  const field = 'room';
  return present<RoomFilter>({
    rooms: optionalStrings(value, 'rooms', field, '!'),
    not_rooms: optionalStrings(value, 'not_rooms', field, '!'),
    include_leave: optionalBoolean(value, 'include_leave', field),
    ephemeral: optionalRoomEventFilter(value, 'ephemeral', field),
    state: optionalRoomEventFilter(value, 'state', field),
    timeline: optionalRoomEventFilter(value, 'timeline', field),
    account_data: optionalRoomEventFilter(value, 'account_data', field),
  });
}

function parseEventFormat(obj: JsonObject): FilterEventFormat | undefined {
  const value = obj.event_format;
  if (value === undefined || value === 'client' || value === 'federation') return value;
  throw new MatrixError('M_INVALID_PARAM', 400, 'event_format must be "client" or "federation"');
}

/**
 * A filter as uploaded to POST /user/{userId}/filter or given inline to /sync (sync_filter.yaml).
 * Unknown keys are ignored, as the schema allows them; a known key of the wrong type is
 * M_BAD_JSON, a value outside what the spec allows is M_INVALID_PARAM.
 */
export function parseFilter(value: unknown): Filter {
  if (!isJsonObject(value)) throw badJson('filter', 'a JSON object');
  const presence = optionalObject(value, 'presence', '');
  const accountData = optionalObject(value, 'account_data', '');
  const room = optionalObject(value, 'room', '');
  return present<Filter>({
    event_fields: optionalStrings(value, 'event_fields', ''),
    event_format: parseEventFormat(value),
    presence: presence === undefined ? undefined : parseEventFilter(presence, 'presence'),
    account_data: accountData === undefined ? undefined : parseEventFilter(accountData, 'account_data'),
    room: room === undefined ? undefined : roomFilter(room),
  });
}
