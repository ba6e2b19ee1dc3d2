import { JsonObject } from '../events/pdu.types';
import { hasOwn, isJsonObject } from '../power-levels/json-object';
import { verifyJsonSignature } from '../signing/verify-json';
import { stateKey } from '../state/state-map';
import { AuthContext } from './auth-context';
import { ALLOWED, AuthResult } from './auth-result';

/** The rule "If membership is invite" (v1 5.3, v8 4.4, v12 5.4). */
export function authorizeInvite(ctx: AuthContext, target: string): AuthResult {
  const { content, sender } = ctx;
  if (hasOwn(content, 'third_party_invite')) {
    return authorizeThirdPartyInvite(ctx, target, content.third_party_invite);
  }

  if (ctx.membership(sender) !== 'join') {
    return ctx.deny('member.invite.senderNotJoined', 'sender is not joined');
  }
  const current = ctx.membership(target);
  if (current === 'join' || current === 'ban') {
    return ctx.deny('member.invite.target', `target's membership is ${current}`);
  }
  if (ctx.powerOf(sender) >= ctx.powerLevels.level('invite')) return ALLOWED;
  return ctx.deny('member.invite.otherwise', "sender's power level is below the invite level");
}

/**
 * "If content has a third_party_invite property". The sender's own membership is not consulted:
 * the m.room.third_party_invite event it must match was sent by the same user, who needed the
 * invite level then.
 */
function authorizeThirdPartyInvite(ctx: AuthContext, target: string, invite: unknown): AuthResult {
  if (ctx.membership(target) === 'ban') return ctx.deny('member.invite.tpi.banned', 'target user is banned');
  if (!isJsonObject(invite) || !hasOwn(invite, 'signed')) {
    return ctx.deny('member.invite.tpi.noSigned', 'third_party_invite has no signed property');
  }
  const signed = invite.signed;
  if (!isJsonObject(signed) || typeof signed.mxid !== 'string' || typeof signed.token !== 'string') {
    return ctx.deny('member.invite.tpi.noMxidToken', 'signed has no mxid and token');
  }
  if (signed.mxid !== target) {
    return ctx.deny('member.invite.tpi.mxid', 'signed.mxid does not match state_key');
  }
  const inviteEvent = ctx.state.get(stateKey('m.room.third_party_invite', signed.token));
  if (inviteEvent === undefined) {
    return ctx.deny('member.invite.tpi.noEvent', 'no m.room.third_party_invite for signed.token');
  }
  if (inviteEvent.pdu.sender !== ctx.sender) {
    return ctx.deny('member.invite.tpi.sender', 'sender is not the sender of the m.room.third_party_invite');
  }
  if (signatureMatches(signed as JsonObject, publicKeys(inviteEvent.pdu.content))) return ALLOWED;
  return ctx.deny('member.invite.tpi.otherwise', 'no signature in signed matches a public key of the invite');
}

/** "A single public key in the public_key property. A list of public keys in the public_keys property." */
function publicKeys(content: unknown): string[] {
  if (!isJsonObject(content)) return [];
  const keys: string[] = [];
  if (typeof content.public_key === 'string') keys.push(content.public_key);
  if (Array.isArray(content.public_keys)) {
    for (const entry of content.public_keys) {
      if (isJsonObject(entry) && typeof entry.public_key === 'string') keys.push(entry.public_key);
    }
  }
  return keys;
}

/** "If any signature in signed matches any public key in the m.room.third_party_invite event". */
function signatureMatches(signed: JsonObject, keys: readonly string[]): boolean {
  const signatures = signed.signatures;
  if (!isJsonObject(signatures) || keys.length === 0) return false;
  for (const [server, byKey] of Object.entries(signatures)) {
    if (!isJsonObject(byKey)) continue;
    for (const keyId of Object.keys(byKey)) {
      // Identity server keys are ed25519; a signature under any other algorithm matches no key.
      if (keyId.startsWith('ed25519:') && keys.some((key) => verifies(signed, server, keyId, key))) {
        return true;
      }
    }
  }
  return false;
}

function verifies(signed: JsonObject, server: string, keyId: string, publicKey: string): boolean {
  try {
    return verifyJsonSignature(signed, server, keyId, publicKey).ok;
  } catch {
    // Only JSON that canonical JSON cannot encode throws, and no signature can cover it.
    return false;
  }
}
