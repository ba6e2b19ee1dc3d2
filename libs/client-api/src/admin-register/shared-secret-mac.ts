import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SharedSecretFields {
  nonce: string;
  username: string;
  password: string;
  admin: boolean;
  userType: string | null;
}

/**
 * Synapse's shared-secret registration MAC: the hex HMAC-SHA1, keyed with the shared secret, of
 * `nonce \0 username \0 password \0 ("admin" | "notadmin")`, followed by `\0 user_type` when a
 * user type is given (synapse/_scripts/register_new_matrix_user.py computes the same).
 */
export function sharedSecretMac(secret: string, fields: SharedSecretFields): string {
  const parts = [fields.nonce, fields.username, fields.password, fields.admin ? 'admin' : 'notadmin'];
  if (fields.userType) parts.push(fields.userType);
  return createHmac('sha1', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(parts.join('\0'), 'utf8'))
    .digest('hex');
}

/** Compares in constant time, as Synapse's hmac.compare_digest does. */
export function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
