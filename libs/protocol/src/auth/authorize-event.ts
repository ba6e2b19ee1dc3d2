import { isJsonObject } from '../power-levels/json-object';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, StateMap, stateKey } from '../state/state-map';
import { AuthContext } from './auth-context';
import { authorizeCreate } from './auth-create';
import { authEventsNeeded } from './auth-events';
import { authorizeMember } from './auth-member';
import { AuthOptions } from './auth-options.types';
import { authorizePowerLevels } from './auth-power-levels';
import { authorizeRedaction } from './auth-redaction';
import { ALLOWED, AuthResult } from './auth-result';
import { domainOf } from './ids';
import { ruleName } from './rule-numbers';

/**
 * The authorization rules of the room version (rooms/v1.md ... v12.md "Authorisation rules"),
 * checked against `authState`: the event's own auth_events (see authStateFromEvents and
 * checkAuthEvents for the rules on the list itself), the state before it, or the current state.
 *
 * In v12 the create event is not among the auth_events; the caller puts the room's create event
 * (the one the room ID names) into `authState`. Never throws: a malformed event is not allowed.
 */
export function authorizeEvent(
  version: RoomVersion,
  event: IdentifiedPdu,
  authState: StateMap<IdentifiedPdu>,
  options: AuthOptions = {},
): AuthResult {
  const pdu = event.pdu;
  const malformed = formatProblem(pdu);
  if (malformed !== undefined) {
    return { allowed: false, rule: ruleName(version, 'format'), reason: malformed };
  }
  if (pdu.type === 'm.room.create') return authorizeCreate(version, pdu);

  const ctx = new AuthContext(version, event, authState, options);
  const { create, sender } = ctx;

  if (version.roomIdFromCreateEvent) {
    // v12 2: "If the event's room_id is not an event ID for an accepted (not rejected)
    // m.room.create event, with the sigil ! instead of $, reject."
    if (
      create === undefined ||
      !create.eventId.startsWith('$') ||
      pdu.room_id !== `!${create.eventId.slice(1)}` ||
      options.isRejected?.(create.eventId) === true
    ) {
      return ctx.deny('roomIdFromCreate', 'room_id is not the ID of an accepted m.room.create event');
    }
  } else if (create === undefined) {
    return ctx.deny('authEvents.noCreate', 'no m.room.create event in the auth state');
  }

  const roomMismatch = foreignAuthEvent(ctx);
  if (roomMismatch !== undefined) {
    return ctx.deny('authEvents.roomId', `auth event ${roomMismatch} belongs to another room`);
  }

  // "If the content of the m.room.create event in the room state has the property m.federate set
  // to false, and the sender domain of the event does not match the sender domain of the create event, reject."
  const createContent: unknown = create.pdu.content;
  if (
    isJsonObject(createContent) &&
    createContent['m.federate'] === false &&
    domainOf(sender) !== domainOf(create.pdu.sender)
  ) {
    return ctx.deny('federate', 'the room is not federated and the sender is from another server');
  }

  if (version.specialAliasesRules && pdu.type === 'm.room.aliases') return authorizeAliases(ctx);
  if (pdu.type === 'm.room.member') return authorizeMember(ctx);

  if (ctx.membership(sender) !== 'join') {
    return ctx.deny('senderNotJoined', 'sender is not joined to the room');
  }

  const senderPower = ctx.powerOf(sender);
  if (pdu.type === 'm.room.third_party_invite') {
    // "Allow if and only if sender's current power level is greater than or equal to the invite level."
    return senderPower >= ctx.powerLevels.level('invite')
      ? ALLOWED
      : ctx.deny('thirdPartyInvite', "sender's power level is below the invite level");
  }

  const eventStateKey = pdu.state_key;
  if (ctx.powerLevels.requiredPowerLevel(pdu.type, eventStateKey !== undefined) > senderPower) {
    return ctx.deny('requiredPower', `sender's power level is below the level required for ${pdu.type}`);
  }

  if (eventStateKey?.startsWith('@') === true && eventStateKey !== sender) {
    return ctx.deny('stateKey', "state_key starts with @ and is not the sender's user ID");
  }

  if (pdu.type === 'm.room.power_levels') return authorizePowerLevels(ctx);
  if (!version.redactionsCheckedByRecipient && pdu.type === 'm.room.redaction') {
    return authorizeRedaction(ctx);
  }
  return ALLOWED;
}

/** What makes the event no PDU at all: the rules read these fields with these types. */
function formatProblem(pdu: unknown): string | undefined {
  if (!isJsonObject(pdu)) return 'the event is not an object';
  if (typeof pdu.type !== 'string') return 'type is not a string';
  if (typeof pdu.sender !== 'string') return 'sender is not a string';
  if (!isJsonObject(pdu.content)) return 'content is not an object';
  if (pdu.state_key !== undefined && typeof pdu.state_key !== 'string') return 'state_key is not a string';
  if (!Array.isArray(pdu.prev_events)) return 'prev_events is not an array';
  if (pdu.room_id !== undefined && typeof pdu.room_id !== 'string') return 'room_id is not a string';
  return undefined;
}

/**
 * "If any event in auth_events has a room_id which does not match that of the event being
 * authorised, reject." Only the entries auth events selection picks are read by the rules, so
 * only those are checked: the auth state may be the whole room state.
 */
function foreignAuthEvent(ctx: AuthContext): string | undefined {
  const { pdu, state } = ctx;
  for (const key of authEventsNeeded(ctx.version, pdu)) {
    const authEvent = state.get(stateKey(key.type, key.stateKey));
    if (authEvent !== undefined && authEvent.pdu.room_id !== pdu.room_id) return authEvent.eventId;
  }
  return undefined;
}

/** v1-v5 rule 4, "If type is m.room.aliases" (removed in v6). */
function authorizeAliases(ctx: AuthContext): AuthResult {
  const stateKeyValue = ctx.pdu.state_key;
  if (stateKeyValue === undefined) {
    return ctx.deny('aliases.noStateKey', 'the aliases event has no state_key');
  }
  if (domainOf(ctx.sender) !== stateKeyValue) {
    return ctx.deny('aliases.domain', "the sender's domain does not match the state_key");
  }
  return ALLOWED;
}
