import { MatrixError, parsePushActions, PushAction, PushRuleKind } from '@switchboard/protocol';
import { isJsonObject } from '../accounts/request-body';

/**
 * An override or underride rule must say what it matches: "A rule with no conditions always
 * matches" is written `"conditions": []`, while a body without the key is a mistake (Synapse
 * refuses it too, and SyTest checks that).
 */
export function requireConditions(kind: PushRuleKind, body: unknown): void {
  if ((kind === 'override' || kind === 'underride') && isJsonObject(body) && body.conditions === undefined)
    throw new MatrixError('M_MISSING_PARAM', 400, 'conditions: required for override and underride rules');
}

/** The body of PUT .../enabled: `{"enabled": true}`. */
export function parseEnabledBody(body: unknown): boolean {
  if (!isJsonObject(body) || typeof body.enabled !== 'boolean')
    throw new MatrixError('M_BAD_JSON', 400, 'enabled must be a boolean');
  return body.enabled;
}

/** The body of PUT .../actions: `{"actions": [...]}`. */
export function parseActionsBody(body: unknown): PushAction[] {
  if (!isJsonObject(body)) throw new MatrixError('M_BAD_JSON', 400, 'body must be a JSON object');
  return parsePushActions(body.actions);
}

/** The `before` and `after` query parameters of PUT /pushrules/global/{kind}/{ruleId}. */
export function parsePosition(query: Record<string, unknown>): { before?: string; after?: string } {
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      throw new MatrixError('M_INVALID_PARAM', 400, `${name} must be a rule_id`);
    return value;
  };
  const before = one('before');
  const after = one('after');
  return { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}
