import { MatrixError } from '../errors/matrix-error';
import { DomainParts, invalidParam, MAX_IDENTIFIER_BYTES, splitDomainIdentifier } from './identifier-text';

export type UserId = DomainParts;

/**
 * Which localparts to accept (appendices "User Identifiers" and "Historical User IDs"):
 * - `strict`: the current grammar, `1*( a-z / 0-9 / "-" / "." / "=" / "_" / "/" / "+" )`; what a
 *   new account may have.
 * - `compliant`: non-empty and within U+0021..U+007E; IDs outside it "are considered non-compliant"
 *   and "SHOULD NOT" be forwarded to clients outside the context of an event.
 * - `historical`: "any legal non-surrogate Unicode code points except for `:` and `NUL`
 *   (U+0000), including other control characters and the empty string", which servers "MUST
 *   accept" in events.
 */
export type UserIdGrammar = 'strict' | 'compliant' | 'historical';

export interface UserIdOptions {
  /** Default `historical`: what may appear in an event from another server. */
  readonly grammar?: UserIdGrammar;
}

const STRICT_LOCALPART = /^[a-z0-9._=\-/+]+$/;
const COMPLIANT_LOCALPART = /^[\x21-\x7e]+$/;

/**
 * Parses `@localpart:domain`; the whole ID "MUST NOT exceed 255 bytes" under every grammar.
 * Throws MatrixError(M_INVALID_PARAM, 400).
 */
export function parseUserId(userId: string, options: UserIdOptions = {}): UserId {
  const parsed = tryParseUserId(userId, options);
  if (typeof parsed === 'string') throw invalidParam('user ID', userId, parsed);
  return parsed;
}

export function isValidUserId(userId: string, options: UserIdOptions = {}): boolean {
  return typeof tryParseUserId(userId, options) !== 'string';
}

/** The parsed ID, or why it is not one. */
export function tryParseUserId(userId: unknown, options: UserIdOptions = {}): UserId | string {
  const parts = splitDomainIdentifier(userId, '@');
  if (typeof parts === 'string') return parts;
  const why = localpartProblem(parts.localpart, options.grammar ?? 'historical');
  return why ?? parts;
}

/**
 * For registration and any other place this server mints a user: the localpart must follow the
 * strict grammar and the resulting ID fit in 255 bytes. Throws MatrixError(M_INVALID_USERNAME,
 * 400), the code client-server-api "register" gives for a bad username.
 */
export function validateNewUserLocalpart(localpart: string, serverName: string): UserId {
  if (typeof localpart !== 'string' || !STRICT_LOCALPART.test(localpart)) {
    throw new MatrixError(
      'M_INVALID_USERNAME',
      400,
      'User ID localparts may only contain a-z, 0-9, ".", "_", "=", "-", "/" and "+", and may not be empty',
    );
  }
  if (typeof serverName !== 'string')
    throw new MatrixError('M_INVALID_PARAM', 400, 'A user ID needs a server name');
  const userId = `@${localpart}:${serverName}`;
  if (Buffer.byteLength(userId, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new MatrixError(
      'M_INVALID_USERNAME',
      400,
      `User ID may not be longer than ${MAX_IDENTIFIER_BYTES} bytes`,
    );
  }
  return parseUserId(userId, { grammar: 'strict' });
}

/** `@localpart:serverName`, checked against the historical grammar. Throws MatrixError(M_INVALID_PARAM, 400). */
export function formatUserId(localpart: string, serverName: string): string {
  if (typeof localpart !== 'string' || typeof serverName !== 'string') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'A user ID is made of a string localpart and server name');
  }
  const userId = `@${localpart}:${serverName}`;
  parseUserId(userId);
  return userId;
}

function localpartProblem(localpart: string, grammar: UserIdGrammar): string | undefined {
  switch (grammar) {
    case 'strict':
      return STRICT_LOCALPART.test(localpart)
        ? undefined
        : 'localpart must be non-empty and only a-z, 0-9, ".", "_", "=", "-", "/" and "+"';
    case 'compliant':
      return COMPLIANT_LOCALPART.test(localpart) ? undefined : 'localpart must be non-empty printable ASCII';
    case 'historical':
      return undefined;
  }
}
