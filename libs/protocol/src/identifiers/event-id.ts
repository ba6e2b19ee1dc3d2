import { RoomVersion } from '../room-versions/room-version.types';
import {
  checkShape,
  invalidParam,
  splitDomainIdentifier,
  STANDARD_HASH,
  URL_SAFE_HASH,
} from './identifier-text';

/**
 * An event ID (appendices "Event IDs"; rooms/fragments v1-event-ids, v4-event-ids): `$opaque_id:domain`
 * in room versions 1 and 2; from version 3 `$` and the reference hash in unpadded Base64,
 * URL-safe from version 4.
 */
export type EventId =
  | { readonly kind: 'domain'; readonly localpart: string; readonly serverName: string }
  | { readonly kind: 'hash'; readonly hash: string };

export interface EventIdOptions {
  /** Require this room version's format; without it any of the three is accepted. */
  readonly version?: Pick<RoomVersion, 'eventIdFormat'>;
}

/** Throws MatrixError(M_INVALID_PARAM, 400). */
export function parseEventId(eventId: string, options: EventIdOptions = {}): EventId {
  const parsed = tryParseEventId(eventId, options);
  if (typeof parsed === 'string') throw invalidParam('event ID', eventId, parsed);
  return parsed;
}

export function isValidEventId(eventId: string, options: EventIdOptions = {}): boolean {
  return typeof tryParseEventId(eventId, options) !== 'string';
}

/** The parsed ID, or why it is not one. */
export function tryParseEventId(eventId: unknown, options: EventIdOptions = {}): EventId | string {
  const shape = checkShape(eventId, '$');
  if (shape !== undefined) return shape;
  const text = eventId as string;
  const format = options.version?.eventIdFormat ?? (text.includes(':') ? 'v1' : undefined);
  if (format === 'v1') {
    const parts = splitDomainIdentifier(text, '$');
    if (typeof parts === 'string') return parts;
    if (parts.localpart === '') return 'empty opaque ID';
    return { kind: 'domain', ...parts };
  }
  const hash = text.slice(1);
  const ok =
    format === 'v3'
      ? STANDARD_HASH.test(hash)
      : format === 'v4'
        ? URL_SAFE_HASH.test(hash)
        : STANDARD_HASH.test(hash) || URL_SAFE_HASH.test(hash);
  if (ok) return { kind: 'hash', hash };
  const alphabet =
    format === 'v3' ? 'unpadded Base64' : format === 'v4' ? 'URL-safe unpadded Base64' : 'Base64';
  return `not "$" and a ${alphabet} SHA-256 reference hash`;
}
