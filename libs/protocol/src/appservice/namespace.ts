/** One entry of a registration's `namespaces.users`, `.aliases` or `.rooms` (application-service-api "Registration"). */
export interface NamespaceRule {
  regex: string;
  exclusive: boolean;
}

/** A namespace rule with its regular expression compiled once. */
export interface CompiledNamespaceRule {
  readonly regex: RegExp;
  readonly exclusive: boolean;
}

/**
 * The spec gives namespaces as "POSIX regular expressions" without saying how they are anchored.
 * Registrations in the wild are written for Synapse, which matches from the start of the ID and
 * not necessarily to its end (`@_discord_.*` and `@_discord_[0-9]+` both cover
 * `@_discord_1:example.org`), so a rule is anchored at the start only. Throws SyntaxError for a
 * pattern JavaScript cannot compile.
 */
export function compileNamespaceRule(rule: NamespaceRule): CompiledNamespaceRule {
  return { regex: new RegExp(`^(?:${rule.regex})`), exclusive: rule.exclusive };
}

/** Whether any rule covers the value (a user ID, room alias or room ID). */
export function inNamespace(rules: readonly CompiledNamespaceRule[], value: string): boolean {
  return rules.some((rule) => rule.regex.test(value));
}

/** Whether an exclusive rule covers the value: nobody but the application service may claim it. */
export function inExclusiveNamespace(rules: readonly CompiledNamespaceRule[], value: string): boolean {
  return rules.some((rule) => rule.exclusive && rule.regex.test(value));
}
