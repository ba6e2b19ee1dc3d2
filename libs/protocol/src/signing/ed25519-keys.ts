import { createPrivateKey, createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '../base64/unpadded-base64';
import { MatrixError } from '../errors/matrix-error';

/**
 * An ed25519 signing key of this server (appendices "Signing Details"): the 32-byte seed that
 * NaCl calls the secret key, the key ID it is published under, and node:crypto key objects.
 */
export interface SigningKey {
  readonly keyId: string;
  readonly seed: Uint8Array;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The verify key as published in /_matrix/key/v2/server: unpadded Base64 of the 32 raw bytes. */
  readonly publicKeyBase64: string;
}

export const SEED_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
// DER headers of RFC 8410's PKCS#8 and SPKI encodings of an Ed25519 key; the raw key follows.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
// server-server-api "Retrieving server keys": "The version must have characters matching [a-zA-Z0-9_]".
const OWN_KEY_ID = /^ed25519:[a-zA-Z0-9_]+$/;
const CACHE_LIMIT = 10_000;

const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

/** Throws MatrixError(M_INVALID_PARAM, 400) for a seed that is not 32 bytes or a malformed key ID. */
export function signingKeyFromSeed(seed: Uint8Array, keyId: string): SigningKey {
  assertKeyId(keyId);
  const privateKey = privateKeyFromSeed(seed);
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
  return { keyId, seed: Uint8Array.from(seed), privateKey, publicKey, publicKeyBase64: encodeBase64(raw) };
}

/** A fresh random seed, for a server's first key or a key rotation. */
export function generateSigningKeySeed(): Uint8Array {
  return new Uint8Array(randomBytes(SEED_BYTES));
}

/** Whether `keyId` is `ed25519:` and a version of [a-zA-Z0-9_], the form this server publishes. */
export function isValidSigningKeyId(keyId: string): boolean {
  return typeof keyId === 'string' && OWN_KEY_ID.test(keyId);
}

export function assertKeyId(keyId: string): void {
  if (!isValidSigningKeyId(keyId)) {
    const given = typeof keyId === 'string' ? JSON.stringify(keyId) : `a ${typeof keyId}`;
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      `Signing key ID must be "ed25519:" and [a-zA-Z0-9_]+, not ${given}`,
    );
  }
}

/** Cached per seed: building a KeyObject costs more than an ed25519 signature. */
export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (!(seed instanceof Uint8Array) || seed.byteLength !== SEED_BYTES) {
    throw new MatrixError('M_INVALID_PARAM', 400, `An ed25519 seed is ${SEED_BYTES} bytes`);
  }
  const cacheKey = Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).toString('latin1');
  let key = privateKeys.get(cacheKey);
  if (!key) {
    key = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    remember(privateKeys, cacheKey, key);
  }
  return key;
}

/** Cached per key; undefined when the text is not the unpadded Base64 of 32 bytes. */
export function publicKeyFromBase64(publicKeyBase64: string): KeyObject | undefined {
  let key = publicKeys.get(publicKeyBase64);
  if (key) return key;
  let raw: Buffer;
  try {
    raw = decodeBase64(publicKeyBase64);
  } catch {
    return undefined;
  }
  if (raw.length !== PUBLIC_KEY_BYTES) return undefined;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
  remember(publicKeys, publicKeyBase64, key);
  return key;
}

function remember(cache: Map<string, KeyObject>, cacheKey: string, key: KeyObject): void {
  // Maps iterate in insertion order, so the first key is the oldest entry.
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, key);
}
