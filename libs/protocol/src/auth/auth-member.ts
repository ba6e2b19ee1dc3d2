import { hasOwn, isJsonObject } from '../power-levels/json-object';
import { AuthContext } from './auth-context';
import { authorizeInvite } from './auth-member-invite';
import { authorizeJoin } from './auth-member-join';
import { ALLOWED, AuthResult } from './auth-result';
import { domainOf, isValidUserId } from './ids';

/** The rule "If type is m.room.member" (v1 5, v6-v11 4, v12 5). */
export function authorizeMember(ctx: AuthContext): AuthResult {
  const { pdu, content, version } = ctx;
  const target = pdu.state_key;
  if (target === undefined || !hasOwn(content, 'membership')) {
    return ctx.deny('member.malformed', 'no state_key or no membership in content');
  }

  if (version.restrictedJoins && hasOwn(content, 'join_authorised_via_users_server')) {
    const authoriser = content.join_authorised_via_users_server;
    const server = isValidUserId(authoriser) ? domainOf(authoriser) : undefined;
    if (server === undefined || !isSignedBy(ctx, server)) {
      return ctx.deny(
        'member.authoriserSignature',
        'the event is not signed by the server of join_authorised_via_users_server',
      );
    }
  }

  switch (content.membership) {
    case 'join':
      return authorizeJoin(ctx, target);
    case 'invite':
      return authorizeInvite(ctx, target);
    case 'leave':
      return authorizeLeave(ctx, target);
    case 'ban':
      return authorizeBan(ctx, target);
    case 'knock':
      if (version.knocking) return authorizeKnock(ctx, target);
  }
  return ctx.deny('member.unknown', 'unknown membership');
}

function isSignedBy(ctx: AuthContext, server: string): boolean {
  if (ctx.options.isSignedBy !== undefined) return ctx.options.isSignedBy(ctx.pdu, server);
  const signatures: unknown = ctx.pdu.signatures;
  const byServer = isJsonObject(signatures) && hasOwn(signatures, server) ? signatures[server] : undefined;
  return isJsonObject(byServer) && Object.values(byServer).some((s) => typeof s === 'string' && s.length > 0);
}

function authorizeLeave(ctx: AuthContext, target: string): AuthResult {
  const { sender } = ctx;
  if (sender === target) {
    // "allow if and only if that user's current membership state is invite, join" (v7+: "or knock").
    const current = ctx.membership(target);
    return current === 'invite' || current === 'join' || (ctx.version.knocking && current === 'knock')
      ? ALLOWED
      : ctx.deny('member.leave.self', `cannot leave with membership ${current ?? 'none'}`);
  }
  if (ctx.membership(sender) !== 'join') {
    return ctx.deny('member.leave.senderNotJoined', 'sender is not joined');
  }
  const senderPower = ctx.powerOf(sender);
  if (ctx.membership(target) === 'ban' && senderPower < ctx.powerLevels.level('ban')) {
    return ctx.deny('member.leave.targetBanned', 'sender may not unban: power below the ban level');
  }
  if (senderPower >= ctx.powerLevels.level('kick') && ctx.powerOf(target) < senderPower) return ALLOWED;
  return ctx.deny('member.leave.otherwise', 'sender may not kick: below the kick level or the target');
}

function authorizeBan(ctx: AuthContext, target: string): AuthResult {
  const { sender } = ctx;
  if (ctx.membership(sender) !== 'join') {
    return ctx.deny('member.ban.senderNotJoined', 'sender is not joined');
  }
  const senderPower = ctx.powerOf(sender);
  if (senderPower >= ctx.powerLevels.level('ban') && ctx.powerOf(target) < senderPower) return ALLOWED;
  return ctx.deny('member.ban.otherwise', 'sender may not ban: below the ban level or the target');
}

function authorizeKnock(ctx: AuthContext, target: string): AuthResult {
  const joinRule = ctx.joinRule();
  // v7: "anything other than knock"; v10 adds knock_restricted.
  if (!(joinRule === 'knock' || (ctx.version.knockRestrictedJoins && joinRule === 'knock_restricted'))) {
    return ctx.deny('member.knock.joinRule', `cannot knock with join rule ${joinRule ?? 'unknown'}`);
  }
  if (ctx.sender !== target) return ctx.deny('member.knock.senderNotTarget', 'cannot knock for another user');
  const current = ctx.membership(ctx.sender);
  if (current !== 'ban' && current !== 'invite' && current !== 'join') return ALLOWED;
  return ctx.deny('member.knock.otherwise', `cannot knock with membership ${current}`);
}
