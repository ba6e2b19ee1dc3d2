import {
  FederationHierarchyResponse,
  JsonObject,
  RoomSummary,
  SpaceHierarchyRoom,
  StrippedChildStateEvent,
} from '@switchboard/protocol';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

const OPTIONAL_STRINGS = [
  'name',
  'topic',
  'canonical_alias',
  'avatar_url',
  'room_type',
  'encryption',
  'room_version',
] as const;

/** A remote server's room summary, with only the fields room_summary.yaml defines, well typed; else undefined. */
export function parseRoomSummary(value: unknown): RoomSummary | undefined {
  if (!isObject(value) || !isString(value.room_id) || !value.room_id.startsWith('!')) return undefined;
  if (typeof value.num_joined_members !== 'number') return undefined;
  const summary: RoomSummary = {
    room_id: value.room_id,
    num_joined_members: value.num_joined_members,
    world_readable: value.world_readable === true,
    guest_can_join: value.guest_can_join === true,
    // public_rooms_chunk.yaml: "If not present, the room is assumed to be public"... only for the
    // directory; a room of a hierarchy without one is taken as closed.
    join_rule: isString(value.join_rule) ? value.join_rule : 'invite',
  };
  for (const key of OPTIONAL_STRINGS) {
    if (isString(value[key])) summary[key] = value[key];
  }
  if (Array.isArray(value.allowed_room_ids))
    summary.allowed_room_ids = value.allowed_room_ids.filter(isString);
  return summary;
}

function parseChildState(value: unknown): StrippedChildStateEvent | undefined {
  if (!isObject(value) || value.type !== 'm.space.child' || !isString(value.state_key)) return undefined;
  if (!isObject(value.content) || !isString(value.sender) || typeof value.origin_server_ts !== 'number') {
    return undefined;
  }
  // m.space.child "via": "When not present or invalid, the child room is not considered to be part of the space."
  const via = value.content.via;
  if (!Array.isArray(via) || via.length === 0 || !via.every(isString)) return undefined;
  return {
    type: value.type,
    state_key: value.state_key,
    content: value.content,
    sender: value.sender,
    origin_server_ts: value.origin_server_ts,
  };
}

function parseHierarchyRoom(value: unknown): SpaceHierarchyRoom | undefined {
  const summary = parseRoomSummary(value);
  if (!summary || !isObject(value)) return undefined;
  const children = Array.isArray(value.children_state) ? value.children_state.map(parseChildState) : [];
  return {
    ...summary,
    children_state: children.filter((c): c is StrippedChildStateEvent => c !== undefined),
  };
}

/** GET /hierarchy's answer from another server, or undefined when it is not one. */
export function parseFederationHierarchy(value: unknown): FederationHierarchyResponse | undefined {
  if (!isObject(value)) return undefined;
  const room = parseHierarchyRoom(value.room);
  if (!room || !Array.isArray(value.children)) return undefined;
  const children = value.children.map(parseRoomSummary).filter((c): c is RoomSummary => c !== undefined);
  const inaccessible = Array.isArray(value.inaccessible_children)
    ? value.inaccessible_children.filter(isString)
    : [];
  return { room, children, inaccessible_children: inaccessible };
}
