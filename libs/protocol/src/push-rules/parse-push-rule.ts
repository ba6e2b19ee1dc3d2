import { MatrixError } from '../errors/matrix-error';
import { JsonObject, JsonValue } from '../events/pdu.types';
import {
  PUSH_RULE_KINDS,
  PushAction,
  PushCondition,
  PushConditionValue,
  PushRule,
  PushRuleKind,
  PushRules,
  PushRuleset,
} from './push-rule.types';
import { parseMemberCountIs } from './room-member-count';

function badJson(field: string, expected: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, `${field} must be ${expected}`);
}

function invalid(field: string, why: string): MatrixError {
  return new MatrixError('M_INVALID_PARAM', 400, `${field}: ${why}`);
}

/** `field` is where the object sits in the request ('' for the body itself). */
function at(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readString(obj: JsonObject, key: string, field: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw badJson(at(field, key), 'a string');
  return value;
}

function readBoolean(obj: JsonObject, key: string, field: string): boolean {
  const value = obj[key];
  if (typeof value !== 'boolean') throw badJson(at(field, key), 'a boolean');
  return value;
}

export function parsePushRuleKind(kind: string): PushRuleKind {
  const known = PUSH_RULE_KINDS.find((k) => k === kind);
  if (known === undefined) throw invalid('kind', `must be one of ${PUSH_RULE_KINDS.join(', ')}`);
  return known;
}

/**
 * A user-chosen rule_id: "If the string starts with a dot ("."), the request MUST be rejected as
 * this is reserved for server-default rules. Slashes ("/") and backslashes ("\") are also not
 * allowed." A room rule's id "is always the ID of the room", a sender rule's "the Matrix user ID",
 * but one that is not simply matches nothing: Synapse accepts any, and SyTest names a room rule by
 * an alias.
 */
export function parsePushRuleId(_kind: PushRuleKind, ruleId: string): string {
  if (ruleId === '') throw invalid('rule_id', 'must not be empty');
  if (ruleId.startsWith('.')) throw invalid('rule_id', 'a leading "." is reserved for server-default rules');
  if (/[/\\]/.test(ruleId)) throw invalid('rule_id', 'must not contain "/" or "\\"');
  return ruleId;
}

/**
 * The actions of a rule (also the body of PUT .../actions). "Clients and homeservers MUST ignore
 * these actions [`dont_notify`, `coalesce`]": they are kept, and evaluation ignores them.
 */
export function parsePushActions(value: unknown, field = 'actions'): PushAction[] {
  if (!Array.isArray(value)) throw badJson(field, 'an array');
  const actions: PushAction[] = [];
  value.forEach((action: unknown, i) => {
    const item = `${field}[${i}]`;
    if (action === 'notify' || action === 'dont_notify' || action === 'coalesce') actions.push(action);
    else if (typeof action === 'string') throw invalid(item, `unknown action "${action}"`);
    else if (isObject(action)) actions.push(parseTweak(action, item));
    else throw badJson(item, 'a string or an object');
  });
  return actions;
}

function parseTweak(action: JsonObject, field: string): PushAction {
  if (!Object.hasOwn(action, 'set_tweak'))
    throw invalid(field, 'the only action with parameters is set_tweak');
  const tweak = readString(action, 'set_tweak', field);
  if (!Object.hasOwn(action, 'value')) return { set_tweak: tweak };
  const value = action.value;
  if (tweak === 'highlight' && typeof value !== 'boolean') throw badJson(`${field}.value`, 'a boolean');
  if (tweak === 'sound' && typeof value !== 'string') throw badJson(`${field}.value`, 'a string');
  return { set_tweak: tweak, value };
}

/**
 * "only supports non-compound canonical JSON values: strings, integers in the range of
 * `[-(2**53)+1, (2**53)-1]`, booleans, and `null`"
 */
function readConditionValue(condition: JsonObject, field: string): PushConditionValue {
  if (!Object.hasOwn(condition, 'value')) throw badJson(`${field}.value`, 'present');
  const value = condition.value;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isSafeInteger(value))
  ) {
    return value;
  }
  throw badJson(`${field}.value`, 'a string, an integer in [-(2**53)+1, (2**53)-1], a boolean or null');
}

/**
 * One condition. Kinds this server does not know are kept as sent ("Unrecognised conditions MUST
 * NOT match any events, effectively making the push rule disabled"), so a newer client's rules
 * survive a round trip.
 */
export function parsePushCondition(value: unknown, field = 'condition'): PushCondition {
  if (!isObject(value)) throw badJson(field, 'an object');
  const kind = readString(value, 'kind', field);
  switch (kind) {
    case 'event_match':
      return { kind, key: readString(value, 'key', field), pattern: readString(value, 'pattern', field) };
    case 'event_property_is':
    case 'event_property_contains':
      return { kind, key: readString(value, 'key', field), value: readConditionValue(value, field) };
    case 'contains_display_name':
      return { kind };
    case 'room_member_count': {
      const is = readString(value, 'is', field);
      if (parseMemberCountIs(is) === undefined) {
        throw invalid(`${field}.is`, 'must be a decimal integer optionally prefixed by ==, <, >, >= or <=');
      }
      return { kind, is };
    }
    case 'sender_notification_permission':
      return { kind, key: readString(value, 'key', field) };
    default:
      return { ...value, kind };
  }
}

function parseConditions(value: JsonValue | undefined, field: string): PushCondition[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badJson(field, 'an array');
  return value.map((condition, i) => parsePushCondition(condition, `${field}[${i}]`));
}

/** The parameters each kind has: conditions for override and underride, a pattern for content. */
function kindParameters(kind: PushRuleKind, body: JsonObject, field: string): Partial<PushRule> {
  switch (kind) {
    case 'override':
    case 'underride':
      return { conditions: parseConditions(body.conditions, at(field, 'conditions')) };
    case 'content':
      return { pattern: readString(body, 'pattern', field) };
    case 'room':
    case 'sender':
      return {};
  }
}

/**
 * The body of PUT /pushrules/global/{kind}/{ruleId}: a new user-defined rule. "When creating push
 * rules, they MUST be enabled by default."
 */
export function parsePushRule(kind: string, ruleId: string, body: unknown): PushRule {
  const k = parsePushRuleKind(kind);
  const id = parsePushRuleId(k, ruleId);
  if (!isObject(body)) throw badJson('body', 'a JSON object');
  return {
    rule_id: id,
    default: false,
    enabled: true,
    actions: parsePushActions(body.actions),
    ...kindParameters(k, body, ''),
  };
}

function parseStoredRule(kind: PushRuleKind, value: unknown, field: string): PushRule {
  if (!isObject(value)) throw badJson(field, 'an object');
  return {
    rule_id: readString(value, 'rule_id', field),
    default: readBoolean(value, 'default', field),
    enabled: readBoolean(value, 'enabled', field),
    actions: parsePushActions(value.actions, `${field}.actions`),
    ...kindParameters(kind, value, field),
  };
}

/** A whole ruleset as stored in `m.push_rules` (push_ruleset.yaml); a missing kind has no rules. */
export function parsePushRules(value: unknown): PushRules {
  if (!isObject(value) || !isObject(value.global)) throw badJson('global', 'an object');
  const global = value.global;
  const kindRules = (kind: PushRuleKind): PushRule[] => {
    const rules = global[kind];
    if (rules === undefined) return [];
    if (!Array.isArray(rules)) throw badJson(`global.${kind}`, 'an array');
    return rules.map((rule, i) => parseStoredRule(kind, rule, `global.${kind}[${i}]`));
  };
  const ruleset: PushRuleset = {
    override: kindRules('override'),
    content: kindRules('content'),
    room: kindRules('room'),
    sender: kindRules('sender'),
    underride: kindRules('underride'),
  };
  return { global: ruleset };
}
