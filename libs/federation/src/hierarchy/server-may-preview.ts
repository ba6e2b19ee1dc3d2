import {
  IdentifiedPdu,
  RoomSummary,
  RoomVersion,
  splitStateKey,
  StateMap,
  tryServerNameOf,
} from '@switchboard/protocol';

/**
 * Whether a server may have a room of ours described in GET /hierarchy: one it "could feasibly
 * peek/join". Public, knockable and world-readable rooms; restricted ones, whose
 * allowed_room_ids the requesting server checks for its user ("The requesting server is
 * responsible for filtering the results further down for the user's request"); and rooms where
 * one of its users is joined or invited.
 */
export function serverMayPreview(
  summary: RoomSummary,
  version: RoomVersion,
  state: StateMap<IdentifiedPdu>,
  serverName: string,
): boolean {
  const rule = summary.join_rule;
  if (summary.world_readable || rule === 'public') return true;
  if (
    (rule === 'knock' && version.knocking) ||
    (rule === 'knock_restricted' && version.knockRestrictedJoins)
  ) {
    return true;
  }
  if (rule === 'restricted' && version.restrictedJoins) return true;
  for (const [key, event] of state) {
    const [type, userId] = splitStateKey(key);
    if (type !== 'm.room.member' || tryServerNameOf(userId) !== serverName) continue;
    const membership = event.pdu.content.membership;
    if (membership === 'join' || membership === 'invite') return true;
  }
  return false;
}
