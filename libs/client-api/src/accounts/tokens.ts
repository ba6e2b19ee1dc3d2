import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Access and refresh tokens are 256 random bits behind a prefix that tells them apart in logs
 * and secret scanners. Only their SHA-256 is stored; a token is shown to its client once.
 */
export function newAccessToken(): string {
  return `sb_at_${randomBytes(32).toString('base64url')}`;
}

export function newRefreshToken(): string {
  return `sb_rt_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Ten upper-case letters, as Synapse generates them: short enough to read out, 47 bits of randomness. */
export function newDeviceId(): string {
  return Array.from({ length: 10 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** An opaque identifier (appendices "Opaque Identifiers": [0-9A-Za-z-._~]). */
export function newOpaqueId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** A localpart for an account registered without a username: lower-case letters and digits. */
export function newLocalpart(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
