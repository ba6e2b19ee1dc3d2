export * from './auth-events';
export * from './auth-options.types';
export { redactionApplies } from './auth-redaction';
export * from './auth-result';
export * from './authorize-event';
export { ruleName } from './rule-numbers';
export type { RuleKey } from './rule-numbers';
