import { MatrixError } from '@switchboard/protocol';

/**
 * Sync tokens (ARCHITECTURE.md "State": opaque strings that encode a position in each stream).
 * `s` then `key.position` parts joined by `~`, e.g. `sevents.42~typing.7`: only URL-unreserved
 * characters, so clients may pass it in a query string unescaped. Keys are lower-case stream keys
 * (letters, digits, `_`, `-`); a stream the token does not name starts from 0.
 */
export type StreamPositions = ReadonlyMap<string, number>;

const PREFIX = 's';
const KEY = /^[a-z][a-z0-9_-]*$/;
const POSITION = /^(0|[1-9][0-9]{0,15})$/;

export function encodeSyncToken(positions: StreamPositions): string {
  const parts = [...positions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, position]) => {
      if (!KEY.test(key)) throw new Error(`invalid sync stream key ${JSON.stringify(key)}`);
      if (!Number.isSafeInteger(position) || position < 0)
        throw new Error(`invalid position ${position} of ${key}`);
      return `${key}.${position}`;
    });
  return PREFIX + parts.join('~');
}

/** The positions of a token from a client; anything else than what encodeSyncToken writes is M_INVALID_PARAM. */
export function parseSyncToken(token: string, param = 'since'): StreamPositions {
  const invalid = () => new MatrixError('M_INVALID_PARAM', 400, `Invalid ${param} token`);
  if (!token.startsWith(PREFIX)) throw invalid();
  const body = token.slice(PREFIX.length);
  const positions = new Map<string, number>();
  if (body === '') return positions;
  for (const part of body.split('~')) {
    const dot = part.lastIndexOf('.');
    const key = part.slice(0, dot);
    const position = part.slice(dot + 1);
    if (dot < 0 || !KEY.test(key) || !POSITION.test(position) || positions.has(key)) throw invalid();
    const value = Number(position);
    if (!Number.isSafeInteger(value)) throw invalid();
    positions.set(key, value);
  }
  return positions;
}
