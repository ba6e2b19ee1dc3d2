import { decodeBase64 } from '../base64';
import { canonicalJson } from '../canonical-json';
import { MatrixError } from '../errors/matrix-error';
import { signingKeyFromSeed, signJson, verifyJsonSignature } from './index';

// appendices "Cryptographic Test Vectors" > "Signing Key".
const SIGNING_KEY_SEED = decodeBase64('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
const SERVER_NAME = 'domain';
const KEY_ID = 'ed25519:1';

describe('signJson (appendices "Signing Details")', () => {
  it('appendices "Cryptographic Test Vectors" > "JSON Signing": signs an empty object', () => {
    expect(signJson({}, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED)).toEqual({
      signatures: {
        domain: {
          'ed25519:1':
            'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ',
        },
      },
    });
  });

  it('appendices "Cryptographic Test Vectors" > "JSON Signing": signs an object with data values', () => {
    const signed = signJson({ one: 1, two: 'Two' }, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED);
    expect(canonicalJson(signed)).toBe(
      canonicalJson({
        one: 1,
        signatures: {
          domain: {
            'ed25519:1':
              'KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw',
          },
        },
        two: 'Two',
      }),
    );
  });

  it('appendices "Signing Details": excludes signatures and unsigned from the signed bytes and keeps both', () => {
    const plain = signJson({ one: 1, two: 'Two' }, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED);
    const withExtras = signJson(
      {
        one: 1,
        two: 'Two',
        unsigned: { age_ts: 922834800000 },
        signatures: { 'other.example': { 'ed25519:a': 'x' } },
      },
      SERVER_NAME,
      KEY_ID,
      SIGNING_KEY_SEED,
    );
    expect(withExtras.signatures.domain).toEqual(plain.signatures.domain);
    expect(withExtras.signatures['other.example']).toEqual({ 'ed25519:a': 'x' });
    expect(withExtras.unsigned).toEqual({ age_ts: 922834800000 });
  });

  it('appendices "Signing Details": adds a second key of the same server beside the first', () => {
    const once = signJson({ a: 1 }, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED);
    const twice = signJson(once, SERVER_NAME, 'ed25519:2', new Uint8Array(32).fill(9));
    expect(Object.keys(twice.signatures.domain).sort()).toEqual(['ed25519:1', 'ed25519:2']);
  });

  it('does not modify its input', () => {
    const input = { one: 1, signatures: { x: { 'ed25519:y': 'z' } } };
    signJson(input, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED);
    expect(input).toEqual({ one: 1, signatures: { x: { 'ed25519:y': 'z' } } });
  });

  it('accepts a SigningKey in place of the seed', () => {
    const key = signingKeyFromSeed(SIGNING_KEY_SEED, KEY_ID);
    expect(signJson({}, SERVER_NAME, KEY_ID, key)).toEqual(
      signJson({}, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED),
    );
  });

  it.each([
    ['a seed of 31 bytes', () => signJson({}, SERVER_NAME, KEY_ID, new Uint8Array(31)), 'M_INVALID_PARAM'],
    [
      'a key ID of another algorithm',
      () => signJson({}, SERVER_NAME, 'curve25519:1', SIGNING_KEY_SEED),
      'M_INVALID_PARAM',
    ],
    [
      'a key version outside [a-zA-Z0-9_]',
      () => signJson({}, SERVER_NAME, 'ed25519:a-b', SIGNING_KEY_SEED),
      'M_INVALID_PARAM',
    ],
    ['an empty server name', () => signJson({}, '', KEY_ID, SIGNING_KEY_SEED), 'M_INVALID_PARAM'],
    ['a float', () => signJson({ a: 1.5 }, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED), 'M_BAD_JSON'],
    ['an array', () => signJson([] as object, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED), 'M_BAD_JSON'],
    [
      'malformed signatures',
      () => signJson({ signatures: { a: 1 } }, SERVER_NAME, KEY_ID, SIGNING_KEY_SEED),
      'M_BAD_JSON',
    ],
  ])('rejects %s with MatrixError', (_what, call, errcode) => {
    expect(call).toThrow(MatrixError);
    expect(call).toThrow(expect.objectContaining({ errcode, status: 400 }));
  });
});

describe('signingKeyFromSeed (appendices "Cryptographic Test Vectors" > "Signing Key")', () => {
  it('derives the verify key that checks the vector signatures', () => {
    const key = signingKeyFromSeed(SIGNING_KEY_SEED, KEY_ID);
    expect(decodeBase64(key.publicKeyBase64)).toHaveLength(32);
    const signed = {
      signatures: {
        domain: {
          'ed25519:1':
            'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ',
        },
      },
    };
    expect(verifyJsonSignature(signed, SERVER_NAME, KEY_ID, key.publicKeyBase64)).toEqual({
      ok: true,
      keyIds: [KEY_ID],
    });
  });
});
