import { JsonObject } from '../events/pdu.types';
import { conditionMatches, eventMatch, FlatEvent } from './conditions';
import { flattenJson } from './dotted-path';
import { summariseActions } from './push-actions';
import {
  PUSH_RULE_KINDS,
  PushEvaluation,
  PushEvaluationContext,
  PushRule,
  PushRuleKind,
  PushRules,
} from './push-rule.types';

/**
 * `room`, `sender` and `content` rules "have predefined conditions": the room rule's `rule_id` is
 * the room it affects, the sender rule's the user, and a content rule's `pattern` is matched
 * against `content.body` at word boundaries.
 */
function ruleMatches(
  kind: PushRuleKind,
  rule: PushRule,
  event: FlatEvent,
  context: PushEvaluationContext,
): boolean {
  switch (kind) {
    case 'override':
    case 'underride':
      return (rule.conditions ?? []).every((condition) => conditionMatches(condition, event, context));
    case 'content':
      return eventMatch('content.body', rule.pattern, event);
    case 'room':
      return event.get('room_id') === rule.rule_id;
    case 'sender':
      return event.get('sender') === rule.rule_id;
  }
}

/**
 * The highest-priority enabled rule that matches `event` (client format), or null when none does:
 * "If no rules match an event, the homeserver MUST NOT notify the Push Gateway for that event."
 * Kinds are checked override, content, room, sender, underride, and rules within a kind in order.
 * Events the user sent are never evaluated: "Homeservers MUST NOT notify the Push Gateway for
 * events that the user has sent themselves."
 */
export function evaluatePushRules(
  rules: PushRules,
  event: JsonObject,
  context: PushEvaluationContext,
): PushEvaluation | null {
  if (event.sender === context.userId) return null;
  const flat = flattenJson(event);
  for (const kind of PUSH_RULE_KINDS) {
    for (const rule of rules.global[kind]) {
      if (!rule.enabled || !ruleMatches(kind, rule, flat, context)) continue;
      return { ruleId: rule.rule_id, kind, actions: rule.actions, ...summariseActions(rule.actions) };
    }
  }
  return null;
}
