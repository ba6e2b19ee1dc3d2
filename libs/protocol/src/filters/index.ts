export * from './filter.types';
export { parseFilter, parseEventFilter, parseRoomEventFilter } from './parse-filter';
export { matchesEventFilter, applyEventFilter, eventFilterLimit } from './match-event-filter';
export type { FilterLimits } from './match-event-filter';
export {
  roomFilterIncludes,
  filterIncludesLeave,
  filterEventFormat,
  lazyLoadOptions,
  unreadThreadNotifications,
} from './filter-options';
export type { LazyLoadOptions } from './filter-options';
export { projectEventFields } from './event-fields';
