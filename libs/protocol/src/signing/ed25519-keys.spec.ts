import { decodeBase64 } from '../base64';
import {
  generateSigningKeySeed,
  isValidSigningKeyId,
  SEED_BYTES,
  signingKeyFromSeed,
  signJson,
} from './index';

describe('signingKeyFromSeed (appendices "Signing Details": ed25519 as implemented by NaCl)', () => {
  it('is deterministic: the same seed gives the same verify key', () => {
    const seed = new Uint8Array(32).fill(5);
    expect(signingKeyFromSeed(seed, 'ed25519:a').publicKeyBase64).toBe(
      signingKeyFromSeed(Uint8Array.from(seed), 'ed25519:b').publicKeyBase64,
    );
  });

  it('publishes the verify key as the unpadded Base64 of 32 bytes', () => {
    const key = signingKeyFromSeed(new Uint8Array(32).fill(5), 'ed25519:a');
    expect(key.publicKeyBase64).not.toContain('=');
    expect(decodeBase64(key.publicKeyBase64)).toHaveLength(32);
    expect(key.keyId).toBe('ed25519:a');
  });

  it('keeps its own copy of the seed', () => {
    const seed = new Uint8Array(32).fill(5);
    const key = signingKeyFromSeed(seed, 'ed25519:a');
    seed.fill(6);
    expect([...key.seed]).toEqual(new Array(32).fill(5));
  });
});

describe('generateSigningKeySeed', () => {
  it('returns 32 fresh random bytes that make a working key', () => {
    const a = generateSigningKeySeed();
    const b = generateSigningKeySeed();
    expect(a).toHaveLength(SEED_BYTES);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(
      signJson({}, 'example.org', 'ed25519:new', a).signatures['example.org']['ed25519:new'],
    ).toHaveLength(86);
  });
});

describe('isValidSigningKeyId (server-server-api "Retrieving server keys": version matches [a-zA-Z0-9_])', () => {
  it.each(['ed25519:1', 'ed25519:abc_DEF_123', 'ed25519:auto'])('accepts %s', (keyId) => {
    expect(isValidSigningKeyId(keyId)).toBe(true);
  });

  it.each(['ed25519:', 'ed25519', 'curve25519:1', 'ed25519:a-b', 'ed25519:a:b', 'ED25519:1'])(
    'rejects %s',
    (keyId) => {
      expect(isValidSigningKeyId(keyId)).toBe(false);
    },
  );
});
