import {
  MatrixError,
  PushAction,
  PushRule,
  PushRuleKind,
  PushRuleOverride,
  PushRules,
  UserPushRules,
} from '@switchboard/protocol';

/** Edits of a user's stored rules (their own rules, and changes to server-default ones). */

function notFound(): MatrixError {
  return new MatrixError('M_NOT_FOUND', 404, 'The push rule was not found.');
}

/** A rule of the effective ruleset, or M_NOT_FOUND. */
export function findRule(rules: PushRules, kind: PushRuleKind, ruleId: string): PushRule {
  const rule = rules.global[kind].find((r) => r.rule_id === ruleId);
  if (!rule) throw notFound();
  return rule;
}

export function withUserRules(doc: UserPushRules, kind: PushRuleKind, rules: PushRule[]): UserPushRules {
  return { ...doc, rules: { ...doc.rules, [kind]: rules } };
}

/**
 * Removes a user-defined rule. Server-default rules are not the user's to delete; like a rule that
 * does not exist, they answer M_NOT_FOUND.
 */
export function deleteUserRule(doc: UserPushRules, kind: PushRuleKind, ruleId: string): UserPushRules {
  const rules = doc.rules?.[kind] ?? [];
  if (!rules.some((r) => r.rule_id === ruleId)) throw notFound();
  return withUserRules(
    doc,
    kind,
    rules.filter((r) => r.rule_id !== ruleId),
  );
}

/**
 * Sets `enabled` or `actions` of a rule: on the user's own rule, or as a change recorded against
 * a server-default rule (which stays in its place among the defaults). `effective` tells which
 * rules exist.
 */
export function changeRule(
  doc: UserPushRules,
  effective: PushRules,
  kind: PushRuleKind,
  ruleId: string,
  change: { enabled?: boolean; actions?: PushAction[] },
): UserPushRules {
  const rule = findRule(effective, kind, ruleId);
  if (!rule.default) {
    const rules = (doc.rules?.[kind] ?? []).map((r) => (r.rule_id === ruleId ? { ...r, ...change } : r));
    return withUserRules(doc, kind, rules);
  }
  const kindOverrides = doc.defaults?.[kind] ?? {};
  const before: PushRuleOverride = Object.hasOwn(kindOverrides, ruleId) ? kindOverrides[ruleId] : {};
  return {
    ...doc,
    defaults: { ...doc.defaults, [kind]: { ...kindOverrides, [ruleId]: { ...before, ...change } } },
  };
}

function mentionsRoom(rule: PushRule, roomId: string): boolean {
  return (rule.conditions ?? []).some(
    (c) => c.kind === 'event_match' && c.key === 'room_id' && c.pattern === roomId,
  );
}

function retarget(rule: PushRule, from: string, to: string): PushRule {
  return {
    ...rule,
    rule_id: rule.rule_id.replaceAll(from, to),
    ...(rule.conditions
      ? {
          conditions: rule.conditions.map((c) =>
            c.kind === 'event_match' && c.key === 'room_id' && c.pattern === from ? { ...c, pattern: to } : c,
          ),
        }
      : {}),
  };
}

/**
 * The user's rules about room `from` copied to `to`, its upgrade (Synapse does this, and SyTest
 * checks it): the room rule named by the old room's ID, and override and underride rules matching
 * its `room_id`. Rules the new room already has are left alone; the same document comes back when
 * there is nothing to copy.
 */
export function copyRoomRules(doc: UserPushRules, from: string, to: string): UserPushRules {
  let out = doc;
  for (const kind of ['override', 'room', 'underride'] as const) {
    const rules = out.rules?.[kind] ?? [];
    const copies = rules
      .filter((r) => (kind === 'room' ? r.rule_id === from : mentionsRoom(r, from)))
      .map((r) => retarget(r, from, to))
      .filter((copy) => !rules.some((r) => r.rule_id === copy.rule_id));
    if (copies.length > 0) out = withUserRules(out, kind, [...copies, ...rules]);
  }
  return out;
}
