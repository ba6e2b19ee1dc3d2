import { RoomSummary } from './room-summary';
import { StrippedChildStateEvent } from './space-children';

/** A room of a hierarchy: its summary and, for a space, its m.space.child events. */
export interface SpaceHierarchyRoom extends RoomSummary {
  children_state: StrippedChildStateEvent[];
}

/** server-server-api GET /hierarchy/{roomId}'s answer. */
export interface FederationHierarchyResponse {
  room: SpaceHierarchyRoom;
  children: RoomSummary[];
  inaccessible_children: string[];
}

/** client-server-api GET /rooms/{roomId}/hierarchy's answer. */
export interface SpaceHierarchyResponse {
  rooms: SpaceHierarchyRoom[];
  next_batch?: string;
}
