import { IdentifiedPdu, StateMap, stateKey } from '../state/state-map';
import { RoomVersion } from '../room-versions/room-version.types';

/**
 * client-server definitions/room_summary.yaml: public_rooms_chunk.yaml plus room_type,
 * allowed_room_ids, encryption and room_version. GET /room_summary, GET /hierarchy and the
 * federation's /hierarchy all describe a room this way.
 */
export interface RoomSummary {
  room_id: string;
  num_joined_members: number;
  world_readable: boolean;
  guest_can_join: boolean;
  name?: string;
  topic?: string;
  canonical_alias?: string;
  avatar_url?: string;
  join_rule: string;
  room_type?: string;
  allowed_room_ids?: string[];
  encryption?: string;
  room_version?: string;
}

/** A room's summary from its current state. */
export function roomSummary(
  roomId: string,
  version: RoomVersion,
  state: StateMap<IdentifiedPdu>,
): RoomSummary {
  const field = (type: string, key: string): string | undefined => {
    const value = state.get(stateKey(type, ''))?.pdu.content[key];
    return typeof value === 'string' ? value : undefined;
  };
  let joined = 0;
  for (const event of state.values()) {
    if (event.pdu.type === 'm.room.member' && event.pdu.content.membership === 'join') joined += 1;
  }
  // "When not present, the room is assumed to be `public`."
  const joinRule = field('m.room.join_rules', 'join_rule') ?? 'public';
  const summary: RoomSummary = {
    room_id: roomId,
    num_joined_members: joined,
    world_readable: field('m.room.history_visibility', 'history_visibility') === 'world_readable',
    guest_can_join: field('m.room.guest_access', 'guest_access') === 'can_join',
    join_rule: joinRule,
    room_version: version.id,
  };
  const optional: [keyof RoomSummary, string | undefined][] = [
    ['name', field('m.room.name', 'name')],
    ['topic', field('m.room.topic', 'topic')],
    ['canonical_alias', field('m.room.canonical_alias', 'alias')],
    ['avatar_url', field('m.room.avatar', 'url')],
    ['room_type', field('m.room.create', 'type')],
    ['encryption', field('m.room.encryption', 'algorithm')],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(summary, { [key]: value });
  const allowed = allowedRoomIds(version, state);
  if (allowed.length > 0) summary.allowed_room_ids = allowed;
  return summary;
}

/**
 * allowed_room_ids: "If the room is a restricted room, these are the room IDs which are specified
 * by the join rules. Empty or omitted otherwise."
 */
export function allowedRoomIds(version: RoomVersion, state: StateMap<IdentifiedPdu>): string[] {
  const content = state.get(stateKey('m.room.join_rules', ''))?.pdu.content;
  const rule = content?.join_rule;
  const restricted =
    (version.restrictedJoins && rule === 'restricted') ||
    (version.knockRestrictedJoins && rule === 'knock_restricted');
  if (!restricted || !Array.isArray(content?.allow)) return [];
  const ids: string[] = [];
  for (const entry of content.allow) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const { type, room_id: roomId } = entry as Record<string, unknown>;
    if (type === 'm.room_membership' && typeof roomId === 'string') ids.push(roomId);
  }
  return ids;
}
