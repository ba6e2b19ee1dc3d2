import { Pdu } from '../events/pdu.types';
import { hasOwn, isJsonObject } from '../power-levels/json-object';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, StateMap, stateKey } from '../state/state-map';
import { AuthOptions } from './auth-options.types';
import { ALLOWED, AuthResult } from './auth-result';
import { ruleName } from './rule-numbers';

export interface AuthEventKey {
  readonly type: string;
  readonly stateKey: string;
}

/** The fields of an event that decide which auth events it needs. */
export type AuthEventsTemplate = Pick<Pdu, 'type' | 'sender' | 'state_key' | 'content'>;

/**
 * server-server-api "Auth events selection": the (type, state_key) pairs of the state an event's
 * auth_events may hold. Empty for m.room.create; the create event itself only where the room ID
 * does not already name it (before v12).
 */
export function authEventsNeeded(version: RoomVersion, event: AuthEventsTemplate): AuthEventKey[] {
  if (event.type === 'm.room.create') return [];
  const keys: AuthEventKey[] = [];
  const add = (type: string, key: string): void => {
    if (!keys.some((k) => k.type === type && k.stateKey === key)) keys.push({ type, stateKey: key });
  };
  if (!version.roomIdFromCreateEvent) add('m.room.create', '');
  add('m.room.power_levels', '');
  add('m.room.member', event.sender);
  const content: unknown = event.content;
  if (event.type !== 'm.room.member' || typeof event.state_key !== 'string' || !isJsonObject(content)) {
    return keys;
  }
  add('m.room.member', event.state_key);
  const membership = content.membership;
  if (membership === 'join' || membership === 'invite' || membership === 'knock')
    add('m.room.join_rules', '');
  if (membership === 'invite' && hasOwn(content, 'third_party_invite')) {
    const invite = content.third_party_invite;
    const signed = isJsonObject(invite) ? invite.signed : undefined;
    if (isJsonObject(signed) && typeof signed.token === 'string')
      add('m.room.third_party_invite', signed.token);
  }
  const authoriser = content.join_authorised_via_users_server;
  if (membership === 'join' && version.restrictedJoins && typeof authoriser === 'string') {
    add('m.room.member', authoriser);
  }
  return keys;
}

/**
 * The auth_events rules that look at the list itself, which a state map cannot show: "If there
 * are duplicate entries for a given type and state_key pair, reject", "If there are entries whose
 * type and state_key don't match those specified by the auth events selection algorithm, reject"
 * and "If there are entries which were themselves rejected, reject" (rule 2.1-2.3, v12 3.1-3.3).
 * Rule 1 alone decides an m.room.create event, so its list is not checked here.
 */
export function checkAuthEvents(
  version: RoomVersion,
  event: IdentifiedPdu,
  authEvents: readonly IdentifiedPdu[],
  options: AuthOptions = {},
): AuthResult {
  const pdu = event.pdu;
  if (pdu.type === 'm.room.create') return ALLOWED;
  const deny = (
    key: 'authEvents.duplicate' | 'authEvents.unexpected' | 'authEvents.rejected',
    reason: string,
  ) => ({ allowed: false, rule: ruleName(version, key), reason }) as const;

  const seen = new Set<string>();
  for (const { pdu: authPdu } of authEvents) {
    if (typeof authPdu.type !== 'string' || typeof authPdu.state_key !== 'string') continue;
    const key = stateKey(authPdu.type, authPdu.state_key);
    if (seen.has(key)) {
      return deny(
        'authEvents.duplicate',
        `duplicate auth_events entry for (${authPdu.type}, ${authPdu.state_key})`,
      );
    }
    seen.add(key);
  }

  const expected = new Set(authEventsNeeded(version, pdu).map((k) => stateKey(k.type, k.stateKey)));
  for (const { eventId, pdu: authPdu } of authEvents) {
    if (
      typeof authPdu.type !== 'string' ||
      typeof authPdu.state_key !== 'string' ||
      !expected.has(stateKey(authPdu.type, authPdu.state_key))
    ) {
      return deny('authEvents.unexpected', `unexpected auth_events entry ${eventId}`);
    }
  }

  if (options.isRejected !== undefined) {
    for (const { eventId } of authEvents) {
      if (options.isRejected(eventId)) {
        return deny('authEvents.rejected', `auth event ${eventId} was rejected`);
      }
    }
  }
  return ALLOWED;
}

/** The auth state an event's own auth_events make, for authorizeEvent. */
export function authStateFromEvents(events: readonly IdentifiedPdu[]): StateMap<IdentifiedPdu> {
  const state = new Map<string, IdentifiedPdu>();
  for (const event of events) {
    const { type, state_key } = event.pdu;
    if (typeof type === 'string' && typeof state_key === 'string')
      state.set(stateKey(type, state_key), event);
  }
  return state;
}
