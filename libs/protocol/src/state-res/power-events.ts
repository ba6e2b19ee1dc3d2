import { Pdu } from '../events/pdu.types';

/**
 * v2-state-res "Power events": "a state event with type `m.room.power_levels` or
 * `m.room.join_rules`, or a state event with type `m.room.member` where the `membership` is `leave`
 * or `ban` and the `sender` does not match the `state_key`." Power levels and join rules with a
 * non-empty state key govern nothing, so like Synapse and ruma we do not count them: the idea is
 * "events that might remove someone's ability to do something in the room".
 */
export function isPowerEvent(pdu: Pdu): boolean {
  if (pdu.state_key === undefined) return false;
  if (pdu.type === 'm.room.power_levels' || pdu.type === 'm.room.join_rules') return pdu.state_key === '';
  if (pdu.type !== 'm.room.member') return false;
  const membership = pdu.content.membership;
  return (membership === 'leave' || membership === 'ban') && pdu.sender !== pdu.state_key;
}
