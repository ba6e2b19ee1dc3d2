import { MatrixError } from '@switchboard/protocol';
import { optionalQueryParam } from '../accounts/request-body';
import { HierarchyQuery } from './space-hierarchy.service';

/** GET /hierarchy's query string; a malformed parameter is 400 M_INVALID_PARAM. */
export function parseHierarchyQuery(query: unknown): HierarchyQuery {
  const suggested = optionalQueryParam(query, 'suggested_only');
  if (suggested !== undefined && suggested !== 'true' && suggested !== 'false') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'suggested_only must be true or false');
  }
  return {
    suggestedOnly: suggested === 'true',
    // "Must be an integer greater than zero."
    limit: integerParam(query, 'limit', 1),
    // "Must be a non-negative integer."
    maxDepth: integerParam(query, 'max_depth', 0),
    from: optionalQueryParam(query, 'from'),
  };
}

function integerParam(query: unknown, key: string, min: number): number | undefined {
  const raw = optionalQueryParam(query, key);
  if (raw === undefined) return undefined;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min))
    throw new MatrixError('M_INVALID_PARAM', 400, `${key} must be an integer of at least ${min}`);
  return value;
}
