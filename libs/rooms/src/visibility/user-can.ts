import { IdentifiedPdu, StateMap, stateKey } from '@switchboard/protocol';

/** The four values of m.room.history_visibility (modules/history_visibility). */
export type HistoryVisibility = 'world_readable' | 'shared' | 'invited' | 'joined';

const HISTORY_VISIBILITY_KEY = stateKey('m.room.history_visibility', '');
const VISIBILITIES: ReadonlySet<string> = new Set(['world_readable', 'shared', 'invited', 'joined']);

/**
 * "By default if no `history_visibility` is set, or if the value is not understood, the visibility
 * is assumed to be `shared`."
 */
export function historyVisibilityOf(state: StateMap<IdentifiedPdu>): HistoryVisibility {
  const value = state.get(HISTORY_VISIBILITY_KEY)?.pdu.content.history_visibility;
  return typeof value === 'string' && VISIBILITIES.has(value) ? (value as HistoryVisibility) : 'shared';
}

/** A user's membership in a state; 'leave' when the user has no member event there. */
export function membershipOf(state: StateMap<IdentifiedPdu>, userId: string): string {
  const value = state.get(stateKey('m.room.member', userId))?.pdu.content.membership;
  return typeof value === 'string' ? value : 'leave';
}

/**
 * The rules of history_visibility "Server behaviour", for one state: `joinedLater` says whether
 * "the user joined the room at any point after the event was sent" (rule 3).
 */
export function allowedByState(
  userId: string,
  state: StateMap<IdentifiedPdu>,
  joinedLater: boolean,
): boolean {
  const visibility = historyVisibilityOf(state);
  const membership = membershipOf(state, userId);
  if (visibility === 'world_readable') return true; // 1
  if (membership === 'join') return true; // 2
  if (visibility === 'shared' && joinedLater) return true; // 3
  return membership === 'invite' && visibility === 'invited'; // 4, else 5: deny
}

/**
 * Whether `userId` may see `event`, given the room state just before it. "The rules governing
 * whether a user is allowed to see an event depend on the state of the room *at that event*";
 * for m.room.history_visibility events and the user's own m.room.member events, "the user should
 * be allowed to see the event if the `history_visibility` [resp. `membership`] before *or* after
 * the event would allow them to see it".
 */
export function canSeeEvent(
  userId: string,
  event: IdentifiedPdu,
  stateBefore: StateMap<IdentifiedPdu>,
  joinedLater: boolean,
): boolean {
  if (allowedByState(userId, stateBefore, joinedLater)) return true;
  const { type, state_key: key } = event.pdu;
  const changesVisibilityFor =
    (type === 'm.room.history_visibility' && key === '') || (type === 'm.room.member' && key === userId);
  if (!changesVisibilityFor || key === undefined) return false;
  const after = new Map(stateBefore);
  after.set(stateKey(type, key), event);
  return allowedByState(userId, after, joinedLater);
}

/**
 * The "joined at any point after the event" of rule 3, from what the server keeps about a user:
 * - currently joined: yes, they joined after (or were joined then, which rule 2 already allows);
 * - left or banned straight from `join`: yes for events sent before that leave, since they were
 *   joined just before it ("After a user has left a room, they may see any events which they were
 *   allowed to see before they left the room, but no events received after they left");
 * - otherwise: no.
 */
export function joinedAfter(
  eventPosition: number,
  membership: { current: string | undefined; previous: string | undefined; position: number } | undefined,
): boolean {
  if (membership === undefined) return false;
  if (membership.current === 'join') return true;
  const leftFromJoin =
    (membership.current === 'leave' || membership.current === 'ban') && membership.previous === 'join';
  return leftFromJoin && eventPosition < membership.position;
}
