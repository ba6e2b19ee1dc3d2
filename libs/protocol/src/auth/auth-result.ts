/**
 * The outcome of the authorization rules. `rule` names the numbered rule of the room version's
 * rule set that rejected the event, as "<authRules> <number>" (e.g. "v1 5.2.4"), or
 * "<authRules> format" when the event is not a well-formed PDU at all.
 */
export type AuthResult =
  { readonly allowed: true } | { readonly allowed: false; readonly rule: string; readonly reason: string };

export const ALLOWED: AuthResult = Object.freeze({ allowed: true });
