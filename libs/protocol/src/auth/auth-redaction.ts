import { powerLevelsFromState } from '../power-levels/power-levels';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, StateMap } from '../state/state-map';
import { AuthContext } from './auth-context';
import { ALLOWED, AuthResult } from './auth-result';
import { domainOf } from './ids';

/**
 * v1-v2 rule 11, "If type is m.room.redaction". From v3 the recipient checks redactions instead
 * (rooms/fragments/v3-handling-redactions.md) and the rules treat them like any event.
 */
export function authorizeRedaction(ctx: AuthContext): AuthResult {
  if (ctx.powerOf(ctx.sender) >= ctx.powerLevels.level('redact')) return ALLOWED;
  const redacts: unknown = ctx.pdu.redacts;
  const ownDomain = domainOf(ctx.event.eventId);
  if (ownDomain !== undefined && domainOf(redacts) === ownDomain) return ALLOWED;
  return ctx.deny(
    'redaction.otherwise',
    'sender is below the redact level and the redacted event is from another server',
  );
}

/**
 * Whether an authorised redaction is applied to the event it names, given the state at the
 * redaction. From v3 (v3-handling-redactions) "the server applies the redaction if one of the
 * following conditions is met: 1. The power level of the redaction event's sender is greater
 * than or equal to the redact level. 2. The domain of the redaction event's sender matches that
 * of the original event's sender." In v1-v2 rule 11 already decided it when authorising the
 * redaction. Either way a redaction applies only to an event of its own room.
 */
export function redactionApplies(
  version: RoomVersion,
  redaction: IdentifiedPdu,
  redacted: IdentifiedPdu,
  authState: StateMap<IdentifiedPdu>,
): boolean {
  if (redacted.pdu.room_id !== redaction.pdu.room_id) return false;
  if (!version.redactionsCheckedByRecipient) return true;
  const levels = powerLevelsFromState(version, authState);
  if (levels.userPowerLevel(redaction.pdu.sender) >= levels.level('redact')) return true;
  const domain = domainOf(redaction.pdu.sender);
  return domain !== undefined && domain === domainOf(redacted.pdu.sender);
}
