import { MatrixError } from '@switchboard/protocol';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { parseSyncToken } from '../sync/sync-token';

/**
 * Positions between room events, for prev_batch, /messages and /context: `t` and a stream
 * position N, meaning "after the event at N and before N + 1". A /sync next_batch is accepted too
 * (its room-event position); a `t` token is no `since`, so it never replaces a sync token.
 * History fetched from other servers has negative positions (below all others), so N may be too.
 */
export function encodePaginationToken(position: number): string {
  return `t${position}`;
}

export function parsePaginationToken(token: string, param: string): number {
  if (token.startsWith('t')) {
    const raw = token.slice(1);
    const value = Number(raw);
    if (/^-?(0|[1-9][0-9]{0,15})$/.test(raw) && Number.isSafeInteger(value)) return value;
    throw new MatrixError('M_INVALID_PARAM', 400, `Invalid ${param} token`);
  }
  return parseSyncToken(token, param).get(EVENTS_STREAM) ?? 0;
}
