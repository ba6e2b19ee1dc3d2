import { createHmac } from 'node:crypto';
import { TurnConfig } from '@switchboard/config';
import { TurnServerResponse } from '@switchboard/protocol';

/**
 * The credentials of GET /voip/turnServer. With a shared secret, those of the TURN REST API
 * (coturn's use-auth-secret): the username is "<expiry unix seconds>:<user ID>" and the password
 * the base64 HMAC-SHA1 of it under the secret, so the TURN server checks them without asking us.
 * Null when the config names no TURN server, or neither a secret nor a fixed username.
 */
export function turnCredentials(config: TurnConfig, userId: string, now: number): TurnServerResponse | null {
  if (config.uris.length === 0) return null;
  const ttl = Math.floor(config.user_lifetime_ms / 1000);
  if (config.shared_secret !== null) {
    const username = `${Math.floor((now + config.user_lifetime_ms) / 1000)}:${userId}`;
    const password = createHmac('sha1', config.shared_secret).update(username).digest('base64');
    return { username, password, uris: config.uris, ttl };
  }
  if (config.username === null || config.password === null) return null;
  return { username: config.username, password: config.password, uris: config.uris, ttl };
}
