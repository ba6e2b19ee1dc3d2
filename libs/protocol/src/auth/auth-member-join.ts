import { isJsonObject } from '../power-levels/json-object';
import { AuthContext } from './auth-context';
import { ALLOWED, AuthResult } from './auth-result';
import { referenceId } from './ids';

/** The rule "If membership is join" (v1 5.2, v8 4.3, v12 5.3). */
export function authorizeJoin(ctx: AuthContext, target: string): AuthResult {
  const { pdu, create, version, sender } = ctx;

  // "If the only previous event is an m.room.create and the state_key is the creator, allow."
  // The creator is content.creator, from v11 "the sender of the m.room.create" (never an
  // additional creator in v12, whose joins go through the join rules like anyone's).
  if (
    pdu.prev_events.length === 1 &&
    create !== undefined &&
    referenceId(pdu.prev_events[0]) === create.eventId
  ) {
    const createContent: unknown = create.pdu.content;
    const creator =
      version.eventFormat === 'v1' || version.eventFormat === 'v3'
        ? isJsonObject(createContent) && createContent.creator
        : create.pdu.sender;
    if (creator === target) return ALLOWED;
  }

  if (sender !== target) return ctx.deny('member.join.senderNotTarget', 'cannot join another user');
  const current = ctx.membership(sender);
  if (current === 'ban') return ctx.deny('member.join.banned', 'sender is banned');

  const joinRule = ctx.joinRule();
  if (joinRule === 'invite' || (version.knocking && joinRule === 'knock')) {
    // "If the join_rule is invite (v7+: or knock) then allow if membership state is invite or join."
    return current === 'invite' || current === 'join'
      ? ALLOWED
      : ctx.deny('member.join.invite', `join rule ${joinRule} needs an invite`);
  }

  if (
    (version.restrictedJoins && joinRule === 'restricted') ||
    (version.knockRestrictedJoins && joinRule === 'knock_restricted')
  ) {
    if (current === 'join' || current === 'invite') return ALLOWED;
    // "If the join_authorised_via_users_server key in content is not a user with sufficient
    // permission to invite other users or is not a joined member of the room, reject."
    const authoriser = ctx.content.join_authorised_via_users_server;
    if (
      typeof authoriser !== 'string' ||
      ctx.membership(authoriser) !== 'join' ||
      ctx.powerOf(authoriser) < ctx.powerLevels.level('invite')
    ) {
      return ctx.deny(
        'member.join.restricted.authoriser',
        'join_authorised_via_users_server is not a joined user able to invite',
      );
    }
    return ALLOWED;
  }

  if (joinRule === 'public') return ALLOWED;
  return ctx.deny('member.join.otherwise', `cannot join with join rule ${joinRule ?? 'unknown'}`);
}
