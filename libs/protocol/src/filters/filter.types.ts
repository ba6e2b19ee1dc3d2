/**
 * The filter language (client-server-api "Filtering"; definitions/event_filter.yaml,
 * room_event_filter.yaml, sync_filter.yaml). Fields keep their spec names and stay optional as
 * sent, so a parsed filter serialises back to what the client uploaded (less unknown keys); the
 * defaults live in the functions that read them.
 */
export interface EventFilter {
  /** "must be an integer greater than 0". */
  limit?: number;
  types?: string[];
  not_types?: string[];
  senders?: string[];
  not_senders?: string[];
}

export interface RoomEventFilter extends EventFilter {
  rooms?: string[];
  not_rooms?: string[];
  contains_url?: boolean;
  lazy_load_members?: boolean;
  include_redundant_members?: boolean;
  unread_thread_notifications?: boolean;
  /** MSC3874, not in the spec text: relation types (`content.m.relates_to.rel_type`) to include. */
  rel_types?: string[];
  /** MSC3874, not in the spec text: relation types to exclude. */
  not_rel_types?: string[];
}

export interface RoomFilter {
  rooms?: string[];
  not_rooms?: string[];
  include_leave?: boolean;
  ephemeral?: RoomEventFilter;
  state?: RoomEventFilter;
  timeline?: RoomEventFilter;
  account_data?: RoomEventFilter;
}

export type FilterEventFormat = 'client' | 'federation';

export interface Filter {
  event_fields?: string[];
  event_format?: FilterEventFormat;
  presence?: EventFilter;
  account_data?: EventFilter;
  room?: RoomFilter;
}
