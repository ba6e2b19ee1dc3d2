export * from './push-rule.types';
export * from './default-push-rules';
export * from './merge-push-rules';
export * from './evaluate-push-rules';
export * from './parse-push-rule';
export * from './place-push-rule';
export { summariseActions } from './push-actions';
export type { ActionSummary } from './push-actions';
export { matchesPushGlob, pushGlobRegExp } from './glob';
export type { PushGlobMode } from './glob';
export {
  parseDottedPath,
  escapeDottedPathSegment,
  formatDottedPath,
  canonicalDottedPath,
  flattenJson,
  getDottedPath,
} from './dotted-path';
export { parseMemberCountIs } from './room-member-count';
export type { MemberCountOperator, MemberCountTest } from './room-member-count';
