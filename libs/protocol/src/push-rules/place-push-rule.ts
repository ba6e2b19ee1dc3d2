import { MatrixError } from '../errors/matrix-error';
import { PushRule } from './push-rule.types';

export interface PushRulePosition {
  before?: string;
  after?: string;
}

/**
 * A kind's user-defined rules (most important first) after PUT /pushrules/global/{kind}/{ruleId}.
 * "If a rule with the same `rule_id` already exists among rules of the same kind, it is updated
 * with the new parameters" (it keeps its `enabled` and, unless moved, its place); a new rule
 * without `before` or `after` "should be added as the most important user defined rule". With
 * both, `before` decides. Server-default rules are not in `rules`, so naming one fails: "It is not
 * possible to add a rule relative to a predefined server rule."
 */
export function placePushRule(
  rules: readonly PushRule[],
  rule: PushRule,
  position: PushRulePosition = {},
): PushRule[] {
  const existing = rules.findIndex((r) => r.rule_id === rule.rule_id);
  const updated = existing === -1 ? rule : { ...rule, enabled: rules[existing].enabled };
  const anchor = position.before ?? position.after;
  if (anchor === undefined) {
    if (existing === -1) return [updated, ...rules];
    return rules.map((r, i) => (i === existing ? updated : r));
  }
  const others = rules.filter((r) => r.rule_id !== rule.rule_id);
  const at = others.findIndex((r) => r.rule_id === anchor);
  // M_UNKNOWN, not M_INVALID_PARAM: the spec's example response is
  // {"errcode": "M_UNKNOWN", "error": "before/after rule not found: someRuleId"}.
  if (at === -1) throw new MatrixError('M_UNKNOWN', 400, `before/after rule not found: ${anchor}`);
  const index = position.before !== undefined ? at : at + 1;
  return [...others.slice(0, index), updated, ...others.slice(index)];
}
