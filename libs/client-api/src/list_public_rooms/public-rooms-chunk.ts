import { IdentifiedPdu, StateMap, stateKey } from '@switchboard/protocol';

/** definitions/public_rooms_chunk.yaml. */
export interface PublicRoomsChunk {
  room_id: string;
  num_joined_members: number;
  world_readable: boolean;
  guest_can_join: boolean;
  name?: string;
  topic?: string;
  canonical_alias?: string;
  avatar_url?: string;
  join_rule?: string;
  room_type?: string;
}

/** A published room as the directory describes it, from its current state. */
export function publicRoomsChunk(roomId: string, state: StateMap<IdentifiedPdu>): PublicRoomsChunk {
  const field = (type: string, key: string): string | undefined => {
    const value = state.get(stateKey(type, ''))?.pdu.content[key];
    return typeof value === 'string' ? value : undefined;
  };
  let joined = 0;
  for (const event of state.values()) {
    if (event.pdu.type === 'm.room.member' && event.pdu.content.membership === 'join') joined += 1;
  }
  const chunk: PublicRoomsChunk = {
    room_id: roomId,
    num_joined_members: joined,
    world_readable: field('m.room.history_visibility', 'history_visibility') === 'world_readable',
    guest_can_join: field('m.room.guest_access', 'guest_access') === 'can_join',
  };
  const optional: [keyof PublicRoomsChunk, string | undefined][] = [
    ['name', field('m.room.name', 'name')],
    ['topic', field('m.room.topic', 'topic')],
    ['canonical_alias', field('m.room.canonical_alias', 'alias')],
    ['avatar_url', field('m.room.avatar', 'url')],
    // "When not present, the room is assumed to be `public`."
    ['join_rule', field('m.room.join_rules', 'join_rule') ?? 'public'],
    ['room_type', field('m.room.create', 'type')],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(chunk, { [key]: value });
  return chunk;
}
