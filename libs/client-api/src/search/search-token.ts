import { MatrixError } from '@switchboard/protocol';

/**
 * `next_batch` of POST /search: by rank, how many results came before (`r<offset>`); by recency,
 * the stream position the next page starts below (`s<position>`).
 */
export type SearchPosition = { orderBy: 'rank'; offset: number } | { orderBy: 'recent'; before: number };

export function encodeSearchToken(position: SearchPosition): string {
  return position.orderBy === 'rank' ? `r${position.offset}` : `s${position.before}`;
}

export function parseSearchToken(token: string, orderBy: 'rank' | 'recent'): SearchPosition {
  const raw = token.slice(1);
  const value = Number(raw);
  const wanted = orderBy === 'rank' ? 'r' : 's';
  if (token[0] !== wanted || !/^(0|[1-9][0-9]{0,15})$/.test(raw) || !Number.isSafeInteger(value))
    throw new MatrixError('M_INVALID_PARAM', 400, 'Invalid next_batch token');
  return orderBy === 'rank' ? { orderBy, offset: value } : { orderBy, before: value };
}
