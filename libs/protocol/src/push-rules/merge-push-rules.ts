import { defaultPushRules } from './default-push-rules';
import { PushAction, PushRule, PushRuleKind, PushRules } from './push-rule.types';

/** A user's change to a server-default rule (PUT /pushrules/global/{kind}/{ruleId}/enabled, /actions). */
export interface PushRuleOverride {
  enabled?: boolean;
  actions?: PushAction[];
}

export interface UserPushRules {
  /** Each kind's user-defined rules, most important first. */
  rules?: Partial<Record<PushRuleKind, readonly PushRule[]>>;
  /** Changes to server-default rules, by kind and then rule_id. */
  defaults?: Partial<Record<PushRuleKind, Readonly<Record<string, PushRuleOverride>>>>;
}

const MASTER = '.m.rule.master';

function withOverride(rule: PushRule, override: PushRuleOverride | undefined): PushRule {
  if (override === undefined) return rule;
  return {
    ...rule,
    enabled: override.enabled ?? rule.enabled,
    actions: override.actions ?? rule.actions,
  };
}

/**
 * The effective ruleset of a user. Server-default rules "operate at a lower priority than
 * 'user-defined rules', except for the `.m.rule.master` rule which has always a higher priority
 * than any other rule": within each kind, the user's rules come first, then the defaults, and
 * master heads the override list.
 */
export function mergePushRules(userId: string, user: UserPushRules): PushRules {
  const defaults = defaultPushRules(userId).global;
  const mergeKind = (kind: PushRuleKind): PushRule[] => {
    const overrides = user.defaults?.[kind] ?? {};
    const serverRules = defaults[kind].map((rule) =>
      withOverride(rule, Object.hasOwn(overrides, rule.rule_id) ? overrides[rule.rule_id] : undefined),
    );
    const master = serverRules.filter((rule) => rule.rule_id === MASTER);
    const rest = serverRules.filter((rule) => rule.rule_id !== MASTER);
    return [...master, ...(user.rules?.[kind] ?? []), ...rest];
  };
  return {
    global: {
      override: mergeKind('override'),
      content: mergeKind('content'),
      room: mergeKind('room'),
      sender: mergeKind('sender'),
      underride: mergeKind('underride'),
    },
  };
}
