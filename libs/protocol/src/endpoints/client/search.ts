import { JsonObject } from '../../events/pdu.types';
import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/search". */
export const search: Endpoint = {
  operationId: 'search',
  method: 'POST',
  path: '/_matrix/client/v3/search',
  auth: 'access_token',
  section: 'search',
};

export interface SearchResultContext {
  start?: string;
  end?: string;
  profile_info?: Record<string, { displayname?: string; avatar_url?: string }>;
  events_before: JsonObject[];
  events_after: JsonObject[];
}

export interface SearchResult {
  rank: number;
  result: JsonObject;
  context?: SearchResultContext;
}

export interface SearchGroupValue {
  next_batch?: string;
  order: number;
  results: string[];
}

export interface RoomEventsSearchResults {
  count: number;
  highlights: string[];
  results: SearchResult[];
  state?: Record<string, JsonObject[]>;
  groups?: Record<string, Record<string, SearchGroupValue>>;
  next_batch?: string;
}

export interface SearchResponse {
  search_categories: { room_events?: RoomEventsSearchResults };
}
