import { FilterEventFormat, Filter, RoomEventFilter, RoomFilter } from './filter.types';

/**
 * The room-level `rooms` / `not_rooms`: "This filter is applied before the filters in
 * `ephemeral`, `state`, `timeline` or `account_data`", and "A matching room will be excluded even
 * if it is listed in the `rooms` filter."
 */
export function roomFilterIncludes(filter: RoomFilter | undefined, roomId: string): boolean {
  if (filter?.not_rooms?.includes(roomId)) return false;
  return filter?.rooms === undefined || filter.rooms.includes(roomId);
}

/** "Include rooms that the user has left in the sync. Defaults to `false`." */
export function filterIncludesLeave(filter: Filter | undefined): boolean {
  return filter?.room?.include_leave ?? false;
}

/** "The default is `client`." */
export function filterEventFormat(filter: Filter | undefined): FilterEventFormat {
  return filter?.event_format ?? 'client';
}

export interface LazyLoadOptions {
  lazyLoadMembers: boolean;
  includeRedundantMembers: boolean;
}

/**
 * Both default to `false`, and `include_redundant_members` "Does not apply unless
 * `lazy_load_members` is `true`."
 */
export function lazyLoadOptions(filter: RoomEventFilter | undefined): LazyLoadOptions {
  const lazyLoadMembers = filter?.lazy_load_members ?? false;
  return {
    lazyLoadMembers,
    includeRedundantMembers: lazyLoadMembers && (filter?.include_redundant_members ?? false),
  };
}

/** "If `true`, enables per-thread notification counts. [...] Defaults to `false`." */
export function unreadThreadNotifications(filter: RoomEventFilter | undefined): boolean {
  return filter?.unread_thread_notifications ?? false;
}
