import { DomainParts, invalidParam, splitDomainIdentifier } from './identifier-text';

/**
 * `#room_alias:domain` (appendices "Room Aliases"): the localpart "may contain any valid
 * non-surrogate Unicode codepoints except `:` and `NUL`", the whole alias at most 255 bytes.
 * An empty localpart is refused: the grammar names an alias, and no server hands one out.
 */
export type RoomAlias = DomainParts;

/** Throws MatrixError(M_INVALID_PARAM, 400). */
export function parseRoomAlias(alias: string): RoomAlias {
  const parsed = tryParseRoomAlias(alias);
  if (typeof parsed === 'string') throw invalidParam('room alias', alias, parsed);
  return parsed;
}

export function isValidRoomAlias(alias: string): boolean {
  return typeof tryParseRoomAlias(alias) !== 'string';
}

/** The parsed alias, or why it is not one. */
export function tryParseRoomAlias(alias: unknown): RoomAlias | string {
  const parts = splitDomainIdentifier(alias, '#');
  if (typeof parts === 'string') return parts;
  return parts.localpart === '' ? 'empty localpart' : parts;
}
