import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are stored as argon2id PHC strings (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`):
 * the parameters travel with the hash, so raising the cost later leaves stored hashes valid.
 * The defaults are OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'));
}

/** False for a wrong password and for a hash this server cannot read; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, password.normalize('NFKC'));
  } catch {
    return false;
  }
}
