import { JsonObject, JsonValue } from '../events/pdu.types';

/** The five kinds of push rule, in the order they are checked (client-server-api "Push Rules"). */
export const PUSH_RULE_KINDS = ['override', 'content', 'room', 'sender', 'underride'] as const;
export type PushRuleKind = (typeof PUSH_RULE_KINDS)[number];

/** The values `event_property_is` and `event_property_contains` compare: non-compound canonical JSON. */
export type PushConditionValue = string | number | boolean | null;

export interface EventMatchCondition {
  kind: 'event_match';
  key: string;
  pattern: string;
}

export interface EventPropertyIsCondition {
  kind: 'event_property_is';
  key: string;
  value: PushConditionValue;
}

export interface EventPropertyContainsCondition {
  kind: 'event_property_contains';
  key: string;
  value: PushConditionValue;
}

/** Deprecated in v1.17 but still defined; it has no parameters. */
export interface ContainsDisplayNameCondition {
  kind: 'contains_display_name';
}

export interface RoomMemberCountCondition {
  kind: 'room_member_count';
  is: string;
}

export interface SenderNotificationPermissionCondition {
  kind: 'sender_notification_permission';
  key: string;
}

/** A condition of a kind this server does not know: kept as sent, and it never matches. */
export interface UnknownPushCondition {
  kind: string;
  [param: string]: JsonValue;
}

export type KnownPushCondition =
  | EventMatchCondition
  | EventPropertyIsCondition
  | EventPropertyContainsCondition
  | ContainsDisplayNameCondition
  | RoomMemberCountCondition
  | SenderNotificationPermissionCondition;

export type PushCondition = KnownPushCondition | UnknownPushCondition;

/** `{ "set_tweak": "sound", "value": "default" }`; a tweak without `value` is allowed (highlight). */
export interface SetTweakAction {
  set_tweak: string;
  value?: JsonValue;
}

/**
 * `dont_notify` and `coalesce` are historical: "Clients and homeservers MUST ignore these
 * actions". They are kept as the user set them (Synapse does, and SyTest reads them back) and mean
 * nothing to evaluation.
 */
export type PushAction = 'notify' | 'dont_notify' | 'coalesce' | SetTweakAction;

export interface PushRule {
  rule_id: string;
  default: boolean;
  enabled: boolean;
  actions: PushAction[];
  /** Only `override` and `underride` rules have conditions. */
  conditions?: PushCondition[];
  /** Only `content` rules have a pattern. */
  pattern?: string;
}

/** One ruleset (`global` is the only one defined): each kind's rules, most important first. */
export type PushRuleset = Record<PushRuleKind, PushRule[]>;

/** The `m.push_rules` account data content, and the body of GET /pushrules/. */
export interface PushRules {
  global: PushRuleset;
}

/** What evaluation needs to know besides the event; the room state it comes from is the caller's. */
export interface PushEvaluationContext {
  /** The user whose rules are evaluated. */
  userId: string;
  /** That user's display name in the room, for `contains_display_name`. */
  displayName?: string;
  /** The current number of joined members of the room, for `room_member_count`. */
  roomMemberCount: number;
  /** The sender's power level in the room, for `sender_notification_permission`. */
  senderPowerLevel: number;
  /** The `notifications` object of the room's m.room.power_levels content, if any. */
  notificationPowerLevels?: JsonObject;
}

/** The outcome of the highest-priority matching rule. */
export interface PushEvaluation {
  ruleId: string;
  kind: PushRuleKind;
  actions: PushAction[];
  notify: boolean;
  highlight: boolean;
  /** The `sound` tweak's value, when the rule sets one. */
  sound?: string;
}
