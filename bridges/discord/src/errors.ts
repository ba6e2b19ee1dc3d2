import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { PermanentBridgeError, RemoteRateLimited } from '@switchboard/bridge-kit';

/** Discord answers that retrying cannot fix: the thing is gone or the bot may not touch it. */
const PERMANENT_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownEmoji,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
]);

/**
 * Turns a discord.js REST failure into what the kit's queue understands: a long 429 becomes
 * RemoteRateLimited (retried after Discord's delay), a 4xx PermanentBridgeError (shown as failed),
 * anything else (5xx left after discord.js's own retries, network errors) stays a plain Error
 * that the queue retries with backoff.
 */
export function toBridgeError(error: unknown): Error {
  if (error instanceof RateLimitError)
    return new RemoteRateLimited(Math.max(error.retryAfter, error.timeToReset));
  if (error instanceof DiscordAPIError) {
    const message = `Discord ${error.method.toUpperCase()} ${error.url}: ${error.status} ${error.message}`;
    if (error.status === 429) return new RemoteRateLimited(1_000, message);
    if (typeof error.code === 'number' && PERMANENT_CODES.has(error.code))
      return new PermanentBridgeError(message);
    if (error.status >= 400 && error.status < 500) return new PermanentBridgeError(message);
    return new Error(message);
  }
  if (error instanceof HTTPError)
    return new Error(`Discord ${error.method.toUpperCase()} ${error.url}: ${error.status}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs a Discord call and rethrows its failure as {@link toBridgeError} does. */
export async function discordCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toBridgeError(error);
  }
}

export function isDiscordCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}
