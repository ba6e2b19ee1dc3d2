import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../base64';
import { canonicalJson } from '../canonical-json';
import { MatrixError } from '../errors/matrix-error';
import {
  checkJsonSignedBy,
  isValidSigningKeyId,
  signingKeyFromSeed,
  signJson,
  verifyJsonSignature,
} from './index';

const key = signingKeyFromSeed(new Uint8Array(32).fill(7), 'ed25519:k1');
const other = signingKeyFromSeed(new Uint8Array(32).fill(8), 'ed25519:k2');
const sign = (o: object) => signJson(o, 'example.org', 'ed25519:k1', key);

describe('verifyJsonSignature (appendices "Checking for a Signature")', () => {
  it('accepts what signJson signed', () => {
    expect(verifyJsonSignature(sign({ a: 1 }), 'example.org', 'ed25519:k1', key.publicKeyBase64)).toEqual({
      ok: true,
      keyIds: ['ed25519:k1'],
    });
  });

  it('appendices "Checking for a Signature" step 5: ignores unsigned and other signatures', () => {
    const signed = sign({ a: 1 });
    const decorated = {
      ...signed,
      unsigned: { age: 1 },
      signatures: { ...signed.signatures, 'x.org': { 'ed25519:z': 'q' } },
    };
    expect(verifyJsonSignature(decorated, 'example.org', 'ed25519:k1', key.publicKeyBase64).ok).toBe(true);
  });

  it('appendices "Checking for a Signature" step 1: fails without an entry for the entity', () => {
    expect(verifyJsonSignature(sign({ a: 1 }), 'other.org', 'ed25519:k1', key.publicKeyBase64)).toMatchObject(
      {
        ok: false,
        reason: 'missing_signature',
      },
    );
    expect(verifyJsonSignature({ a: 1 }, 'example.org', 'ed25519:k1', key.publicKeyBase64)).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
  });

  it('appendices "Checking for a Signature" step 4: fails when the signature is not Base64', () => {
    const signed = { a: 1, signatures: { 'example.org': { 'ed25519:k1': '!!!' } } };
    expect(verifyJsonSignature(signed, 'example.org', 'ed25519:k1', key.publicKeyBase64)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('appendices "Checking for a Signature" step 7: fails under another key', () => {
    expect(
      verifyJsonSignature(sign({ a: 1 }), 'example.org', 'ed25519:k1', other.publicKeyBase64),
    ).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['not base64', '!!!'],
    ['31 bytes', encodeBase64(new Uint8Array(31))],
    ['a number', 5 as unknown as string],
  ])('reports a verify key that is %s as bad_key', (_what, publicKey) => {
    expect(verifyJsonSignature(sign({ a: 1 }), 'example.org', 'ed25519:k1', publicKey)).toMatchObject({
      ok: false,
      reason: 'bad_key',
    });
  });

  it('accepts a padded signature, as appendices "Unpadded Base64" asks decoders to', () => {
    const signed = sign({ a: 1 });
    const padded = {
      ...signed,
      signatures: { 'example.org': { 'ed25519:k1': `${signed.signatures['example.org']['ed25519:k1']}==` } },
    };
    expect(verifyJsonSignature(padded, 'example.org', 'ed25519:k1', key.publicKeyBase64).ok).toBe(true);
  });
});

describe('checkJsonSignedBy (appendices "Checking for a Signature" with a key lookup)', () => {
  const both = signJson(sign({ a: 1 }), 'example.org', 'ed25519:k2', other);
  const lookup = (known: Record<string, string>) => (server: string, keyId: string) =>
    server === 'example.org' ? known[keyId] : undefined;

  it('step 3: passes when every known key verifies, skipping unknown ones', () => {
    expect(checkJsonSignedBy(both, 'example.org', lookup({ 'ed25519:k1': key.publicKeyBase64 }))).toEqual({
      ok: true,
      keyIds: ['ed25519:k1'],
    });
    expect(
      checkJsonSignedBy(
        both,
        'example.org',
        lookup({ 'ed25519:k1': key.publicKeyBase64, 'ed25519:k2': other.publicKeyBase64 }),
      ),
    ).toEqual({ ok: true, keyIds: ['ed25519:k1', 'ed25519:k2'] });
  });

  it('step 3: "If it cannot find a verification key then the check fails", naming the keys to fetch', () => {
    expect(checkJsonSignedBy(both, 'example.org', lookup({}))).toMatchObject({
      ok: false,
      reason: 'unknown_key',
      keyIds: ['ed25519:k1', 'ed25519:k2'],
    });
  });

  it('step 7: fails when any known key does not verify', () => {
    expect(
      checkJsonSignedBy(
        both,
        'example.org',
        lookup({ 'ed25519:k1': key.publicKeyBase64, 'ed25519:k2': key.publicKeyBase64 }),
      ),
    ).toMatchObject({ ok: false, reason: 'bad_signature', keyIds: ['ed25519:k2'] });
  });
});

describe('signing properties', () => {
  const object = fc.dictionary(
    fc.string(),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v))),
    {
      maxKeys: 6,
    },
  );
  const options = { version: { canonicalJson: 'v1' as const } };

  it('sign then verify holds', () => {
    fc.assert(
      fc.property(object, (o) => {
        const signed = signJson(o, 'example.org', 'ed25519:k1', key, options);
        expect(
          verifyJsonSignature(signed, 'example.org', 'ed25519:k1', key.publicKeyBase64, options).ok,
        ).toBe(true);
      }),
    );
  });

  it('any one-byte change of the signed JSON breaks the signature', () => {
    fc.assert(
      fc.property(object, fc.nat(), fc.integer({ min: 1, max: 255 }), (o, at, xor) => {
        const signed = signJson(o, 'example.org', 'ed25519:k1', key, options);
        const { signatures, ...rest } = signed;
        const bytes = Buffer.from(canonicalJson(rest, options), 'utf8');
        bytes[at % bytes.length] ^= xor;
        let changed: Record<string, unknown>;
        try {
          changed = JSON.parse(bytes.toString('utf8'));
        } catch {
          return; // No longer JSON: nothing could carry it to a verifier.
        }
        if (typeof changed !== 'object' || changed === null || Array.isArray(changed)) return;
        const { signatures: _ignored, unsigned: _unsigned, ...body } = changed;
        let encoded: string;
        try {
          encoded = canonicalJson(body, options);
        } catch (e) {
          expect(e).toBeInstanceOf(MatrixError);
          return; // e.g. 1e308 became 1e318, which is Infinity: not JSON anyone can sign or verify.
        }
        if (encoded === canonicalJson(rest, options)) return;
        const result = verifyJsonSignature(
          { ...body, signatures },
          'example.org',
          'ed25519:k1',
          key.publicKeyBase64,
          options,
        );
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('any one-byte change of the signature breaks it', () => {
    fc.assert(
      fc.property(object, fc.integer({ min: 0, max: 63 }), fc.integer({ min: 1, max: 255 }), (o, at, xor) => {
        const signed = signJson(o, 'example.org', 'ed25519:k1', key, options);
        const signature = decodeBase64(signed.signatures['example.org']['ed25519:k1']);
        signature[at] ^= xor;
        const broken = {
          ...signed,
          signatures: { 'example.org': { 'ed25519:k1': encodeBase64(signature) } },
        };
        expect(
          verifyJsonSignature(broken, 'example.org', 'ed25519:k1', key.publicKeyBase64, options),
        ).toMatchObject({
          ok: false,
          reason: 'bad_signature',
        });
      }),
    );
  });

  it('bad input never throws anything but MatrixError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (value, name, keyText) => {
        const calls = [
          () => signJson(value as object, 'example.org', 'ed25519:k1', key),
          () => signJson({ a: 1 }, name as string, keyText as string, value as Uint8Array),
          () => verifyJsonSignature(value as object, 'example.org', 'ed25519:k1', key.publicKeyBase64),
          () =>
            verifyJsonSignature({ signatures: value }, name as string, keyText as string, keyText as string),
          () => checkJsonSignedBy({ signatures: { x: value } }, 'x', () => keyText as string),
          () => signingKeyFromSeed(value as Uint8Array, keyText as string),
          () => isValidSigningKeyId(keyText as string),
        ];
        for (const call of calls) {
          try {
            call();
          } catch (e) {
            expect(e).toBeInstanceOf(MatrixError);
          }
        }
      }),
    );
  });
});
