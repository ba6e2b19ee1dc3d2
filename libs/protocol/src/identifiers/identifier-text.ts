import { MatrixError } from '../errors/matrix-error';
import { quote } from './quote';
import { tryParseServerName } from './server-name';

/** appendices "Common Identifier Format": user IDs, room IDs, aliases and event IDs, sigil included. */
export const MAX_IDENTIFIER_BYTES = 255;

/** 32 bytes of SHA-256 in unpadded Base64: 43 characters, the last one carrying 2 unused zero bits. */
export const URL_SAFE_HASH = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
export const STANDARD_HASH = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/;

// With the u flag a surrogate pair is one code point, so this matches only lone surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export interface DomainParts {
  readonly localpart: string;
  readonly serverName: string;
}

/**
 * Splits `&localpart:domain`. The localpart may not contain `:`, so the first colon separates
 * it from the server name (which may itself hold colons: a port, an IPv6 literal). Returns why
 * the text is not such an identifier, or its parts.
 */
export function splitDomainIdentifier(id: unknown, sigil: string): DomainParts | string {
  const shape = checkShape(id, sigil);
  if (shape !== undefined) return shape;
  const text = id as string;
  const colon = text.indexOf(':');
  if (colon < 0) return 'missing ":" and server name';
  const serverName = text.slice(colon + 1);
  const parsed = tryParseServerName(serverName);
  if (typeof parsed === 'string') return `server name ${quote(serverName)}: ${parsed}`;
  return { localpart: text.slice(1, colon), serverName };
}

/** The checks every sigil identifier shares: a string, the sigil, the byte limit, valid Unicode. */
export function checkShape(id: unknown, sigil: string): string | undefined {
  if (typeof id !== 'string') return 'not a string';
  if (id[0] !== sigil) return `does not start with "${sigil}"`;
  if (id.length > MAX_IDENTIFIER_BYTES || Buffer.byteLength(id, 'utf8') > MAX_IDENTIFIER_BYTES) {
    return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  }
  if (LONE_SURROGATE.test(id)) return 'contains a lone UTF-16 surrogate';
  if (id.includes('\u0000')) return 'contains NUL';
  return undefined;
}

export function invalidParam(what: string, id: unknown, why: string): MatrixError {
  return new MatrixError('M_INVALID_PARAM', 400, `Invalid ${what} ${quote(id)}: ${why}`);
}
