import { roomVersion, RoomSummary } from '@switchboard/protocol';

/**
 * Whether /hierarchy and /room_summary may describe a room to a user (space_hierarchy.yaml: "The
 * server should return any rooms where at least one of the following conditions is true"): the
 * user is joined or invited; the join rule is public; the user meets a restricted join rule; the
 * room is knockable "in a room version that supports those settings"; or its history is
 * world_readable. A banned user is shown nothing ("The user has been banned from the room").
 * `membership` undefined: the user has none, or the request is unauthenticated.
 */
export function userMayPreview(
  summary: RoomSummary,
  membership: string | undefined,
  joinedRooms: ReadonlySet<string>,
): boolean {
  if (membership === 'ban') return false;
  if (membership === 'join' || membership === 'invite') return true;
  if (summary.world_readable || summary.join_rule === 'public') return true;
  // A remote summary may leave the version out; the join rule then speaks for itself.
  const version = summary.room_version === undefined ? undefined : roomVersion(summary.room_version);
  const knockable =
    (summary.join_rule === 'knock' && (version?.knocking ?? true)) ||
    (summary.join_rule === 'knock_restricted' && (version?.knockRestrictedJoins ?? true));
  if (knockable) return true;
  const restricted = summary.join_rule === 'restricted' || summary.join_rule === 'knock_restricted';
  return restricted && (summary.allowed_room_ids ?? []).some((roomId) => joinedRooms.has(roomId));
}
