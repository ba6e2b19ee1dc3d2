import { tryParseUserId } from '../identifiers/user-id';

/** The server name of `@user:server`, `!room:server` or a v1 `$event:server`: all after the first colon. */
export function domainOf(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const colon = id.indexOf(':');
  return colon < 0 ? undefined : id.slice(colon + 1);
}

/**
 * A user ID as the auth rules validate one ("keys that are valid user IDs", additional_creators):
 * the historical grammar, which servers "MUST accept" in events, so old rooms never split.
 */
export function isValidUserId(id: unknown): id is string {
  return typeof tryParseUserId(id) !== 'string';
}

/** The event ID in a prev_events/auth_events entry: a bare ID (v3+) or an [id, hashes] pair (v1, v2). */
export function referenceId(reference: unknown): string | undefined {
  if (typeof reference === 'string') return reference;
  if (Array.isArray(reference) && typeof reference[0] === 'string') return reference[0];
  return undefined;
}
