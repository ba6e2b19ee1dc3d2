import { MatrixError } from '../errors/matrix-error';
import { tryParseEventId } from './event-id';
import { quote } from './quote';
import { tryParseRoomAlias } from './room-alias';
import { tryParseRoomId } from './room-id';
import { tryParseUserId } from './user-id';

/**
 * The server name of a user ID, room alias, domain-form room ID or room version 1/2 event ID,
 * so that nothing outside this folder splits an identifier on ":". Hash-form room and event IDs
 * have no server name; asking for one throws, as any invalid identifier does,
 * MatrixError(M_INVALID_PARAM, 400).
 */
export function serverNameOf(id: string): string {
  const parsed = parseAny(id);
  if (parsed.serverName === undefined) {
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      `Cannot take the server name of ${quote(id)}: ${parsed.why}`,
    );
  }
  return parsed.serverName;
}

/** Like serverNameOf, but undefined for anything that has no valid server name. */
export function tryServerNameOf(id: unknown): string | undefined {
  return parseAny(id).serverName;
}

/** The localpart of a user ID (historical grammar). Throws MatrixError(M_INVALID_PARAM, 400). */
export function localpartOf(userId: string): string {
  const parsed = tryParseUserId(userId);
  if (typeof parsed === 'string') {
    throw new MatrixError('M_INVALID_PARAM', 400, `Invalid user ID ${quote(userId)}: ${parsed}`);
  }
  return parsed.localpart;
}

function parseAny(id: unknown): { serverName: string; why?: never } | { serverName?: never; why: string } {
  if (typeof id !== 'string') return { why: 'not a string' };
  const parsed =
    id[0] === '@'
      ? tryParseUserId(id)
      : id[0] === '#'
        ? tryParseRoomAlias(id)
        : id[0] === '!'
          ? tryParseRoomId(id)
          : id[0] === '$'
            ? tryParseEventId(id)
            : 'not a user ID, room alias, room ID or event ID';
  if (typeof parsed === 'string') return { why: parsed };
  if ('serverName' in parsed) return { serverName: parsed.serverName };
  return { why: 'a hash-form ID has no server name' };
}
