export { canonicalJson } from './canonical-json';
export type { CanonicalJsonOptions } from './canonical-json';
