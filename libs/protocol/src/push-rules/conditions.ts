import { JsonValue } from '../events/pdu.types';
import { canonicalDottedPath } from './dotted-path';
import { literalWordsRegExp, matchesPushGlob } from './glob';
import {
  KnownPushCondition,
  PushCondition,
  PushConditionValue,
  PushEvaluationContext,
} from './push-rule.types';
import { matchesMemberCount } from './room-member-count';

/** An event flattened by `flattenJson`: canonical dotted path to value. */
export type FlatEvent = ReadonlyMap<string, JsonValue>;

const KNOWN_KINDS: ReadonlySet<string> = new Set<KnownPushCondition['kind']>([
  'event_match',
  'event_property_is',
  'event_property_contains',
  'contains_display_name',
  'room_member_count',
  'sender_notification_permission',
]);

const BODY = 'content.body';

/** The spec's default for `notifications.room` (m.room.power_levels): "Defaults to 50 if unspecified." */
const DEFAULT_ROOM_NOTIFICATION_LEVEL = 50;

/** "integers in the range of `[-(2**53)+1, (2**53)-1]`" */
function isNonCompoundValue(value: JsonValue | undefined): value is PushConditionValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isSafeInteger(value))
  );
}

/** True when the event satisfies the condition. "Unrecognised conditions MUST NOT match any events". */
export function conditionMatches(
  condition: PushCondition,
  event: FlatEvent,
  context: PushEvaluationContext,
): boolean {
  if (!KNOWN_KINDS.has(condition.kind)) return false;
  const c = condition as KnownPushCondition;
  switch (c.kind) {
    case 'event_match':
      return eventMatch(c.key, c.pattern, event);
    case 'event_property_is': {
      // A float or an unsafe integer in a hand-built rule is outside what the condition compares.
      if (!isNonCompoundValue(c.value)) return false;
      const actual = event.get(canonicalDottedPath(c.key));
      return isNonCompoundValue(actual) && actual === c.value;
    }
    case 'event_property_contains': {
      if (!isNonCompoundValue(c.value)) return false;
      const actual = event.get(canonicalDottedPath(c.key));
      // "Array values not of those types are ignored": === never equals an object or array.
      return Array.isArray(actual) && actual.some((item) => isNonCompoundValue(item) && item === c.value);
    }
    case 'contains_display_name': {
      const body = event.get(BODY);
      const name = context.displayName;
      return typeof body === 'string' && !!name && literalWordsRegExp(name).test(body);
    }
    case 'room_member_count':
      return matchesMemberCount(c.is, context.roomMemberCount);
    case 'sender_notification_permission':
      return senderMayNotify(c.key, context);
  }
}

/**
 * "If the property specified by `key` is completely absent from the event, or does not have a
 * string value, then the condition will not match, even if `pattern` is `*`." On `content.body`
 * the pattern matches "any substring [...] which starts and ends at a word boundary"; elsewhere it
 * "must match the entire value".
 */
export function eventMatch(key: string, pattern: string | undefined, event: FlatEvent): boolean {
  if (pattern === undefined) return false;
  const path = canonicalDottedPath(key);
  const value = event.get(path);
  if (typeof value !== 'string') return false;
  return matchesPushGlob(pattern, value, path === BODY ? 'words' : 'whole-value');
}

/** The level the sender needs for a notification `key`; none (so no match) for an unknown key. */
function requiredNotificationLevel(key: string, context: PushEvaluationContext): number | undefined {
  const levels = context.notificationPowerLevels ?? {};
  const configured = Object.hasOwn(levels, key) ? levels[key] : undefined;
  if (typeof configured === 'number') return configured;
  return key === 'room' ? DEFAULT_ROOM_NOTIFICATION_LEVEL : undefined;
}

function senderMayNotify(key: string, context: PushEvaluationContext): boolean {
  const required = requiredNotificationLevel(key, context);
  return required !== undefined && context.senderPowerLevel >= required;
}
