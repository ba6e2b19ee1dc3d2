import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  isValidBase64,
  isValidBase64Url,
} from './index';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('encodeBase64 (appendices "Unpadded Base64")', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('appendices "Unpadded Base64" example: UNPADDED_BASE64(%j) = %j', (input, encoded) => {
    expect(encodeBase64(bytes(input))).toBe(encoded);
    expect(decodeBase64(encoded).toString('utf8')).toBe(input);
  });

  it('encodes a plain Uint8Array, not just a Buffer', () => {
    expect(encodeBase64(new Uint8Array([0xfb, 0xff]).subarray(0, 2))).toBe('+/8');
  });
});

describe('encodeBase64Url (appendices "URL-safe unpadded Base64")', () => {
  it('appendices "URL-safe unpadded Base64": uses "-" and "_" as the 62nd and 63rd characters', () => {
    expect(encodeBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8');
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect([...decodeBase64Url('-_8')]).toEqual([0xfb, 0xff]);
  });

  it('appendices "URL-safe unpadded Base64": is unpadded', () => {
    expect(encodeBase64Url(bytes('f'))).toBe('Zg');
  });
});

describe('decodeBase64 (appendices "Unpadded Base64": "SHOULD accept input with or without padding")', () => {
  it.each([
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg==', 'foob'],
  ])('appendices "Unpadded Base64": accepts padded %j', (encoded, decoded) => {
    expect(decodeBase64(encoded).toString('utf8')).toBe(decoded);
  });

  it('accepts padded URL-safe input', () => {
    expect(decodeBase64Url('Zg==').toString('utf8')).toBe('f');
  });

  it('appendices "Cryptographic Test Vectors" > "Signing Key": accepts the seed whose last character has unused bits set', () => {
    expect(decodeBase64('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1')).toHaveLength(32);
  });

  it.each([
    ['a character outside the alphabet', 'Zm9v!'],
    ['whitespace', 'Zm9 v'],
    ['the URL-safe alphabet', '-_8'],
    ['a length that is 1 mod 4', 'Zm9vY'],
    ['padding on a length that is not a multiple of 4', 'Zg='],
    ['three padding characters', 'Z==='],
    ['padding in the middle', 'Zg==Zg'],
  ])('rejects %s with MatrixError(M_INVALID_PARAM)', (_what, encoded) => {
    expect(() => decodeBase64(encoded)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
    expect(isValidBase64(encoded)).toBe(false);
  });

  it('decodeBase64Url rejects the standard alphabet', () => {
    expect(() => decodeBase64Url('+/8')).toThrow(MatrixError);
    expect(isValidBase64Url('+/8')).toBe(false);
  });
});

describe('Base64 properties', () => {
  it('decode(encode(x)) is x, for both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        expect([...decodeBase64(encodeBase64(data))]).toEqual([...data]);
        expect([...decodeBase64Url(encodeBase64Url(data))]).toEqual([...data]);
      }),
    );
  });

  it('encodings never carry padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        expect(encodeBase64(data)).not.toContain('=');
        expect(encodeBase64Url(data)).not.toContain('=');
      }),
    );
  });

  it('bad input never throws anything but MatrixError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (input) => {
        for (const decode of [decodeBase64, decodeBase64Url, isValidBase64, isValidBase64Url]) {
          try {
            decode(input as string);
          } catch (e) {
            expect(e).toBeInstanceOf(MatrixError);
          }
        }
        for (const encode of [encodeBase64, encodeBase64Url]) {
          try {
            encode(input as Uint8Array);
          } catch (e) {
            expect(e).toBeInstanceOf(MatrixError);
          }
        }
      }),
    );
  });
});
