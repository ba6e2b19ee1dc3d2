import { RoomVersion } from '../room-versions/room-version.types';
import { checkShape, invalidParam, splitDomainIdentifier, URL_SAFE_HASH } from './identifier-text';

/**
 * A room ID (appendices "Room IDs"): `!opaque_id:domain` in room versions before 12, and in
 * room version 12 "simply the event ID of the `m.room.create` event using `!` as the sigil
 * instead of `$`", i.e. `!` and the URL-safe unpadded Base64 of a SHA-256 reference hash.
 */
export type RoomId =
  | { readonly kind: 'domain'; readonly localpart: string; readonly serverName: string }
  | { readonly kind: 'hash'; readonly hash: string };

export interface RoomIdOptions {
  /** Require the form this room version uses; without it either form is accepted. */
  readonly version?: Pick<RoomVersion, 'roomIdFromCreateEvent'>;
}

/** Throws MatrixError(M_INVALID_PARAM, 400). */
export function parseRoomId(roomId: string, options: RoomIdOptions = {}): RoomId {
  const parsed = tryParseRoomId(roomId, options);
  if (typeof parsed === 'string') throw invalidParam('room ID', roomId, parsed);
  return parsed;
}

export function isValidRoomId(roomId: string, options: RoomIdOptions = {}): boolean {
  return typeof tryParseRoomId(roomId, options) !== 'string';
}

/** The parsed ID, or why it is not one. */
export function tryParseRoomId(roomId: unknown, options: RoomIdOptions = {}): RoomId | string {
  const shape = checkShape(roomId, '!');
  if (shape !== undefined) return shape;
  const text = roomId as string;
  // The hash form never holds a colon (URL-safe Base64 has none), the domain form always does.
  const hashForm = options.version ? options.version.roomIdFromCreateEvent : !text.includes(':');
  if (hashForm) {
    const hash = text.slice(1);
    return URL_SAFE_HASH.test(hash)
      ? { kind: 'hash', hash }
      : 'not "!" and a URL-safe unpadded Base64 SHA-256 hash';
  }
  const parts = splitDomainIdentifier(text, '!');
  if (typeof parts === 'string') return parts;
  if (parts.localpart === '') return 'empty localpart';
  return { kind: 'domain', ...parts };
}
