import { MatrixError } from '../errors/matrix-error';

/**
 * Unpadded Base64 (appendices "Unpadded Base64") and its URL-safe variant ("URL-safe unpadded
 * Base64"). Decoding accepts input with or without `=` padding, as the spec asks ("implementations
 * SHOULD accept input with or without padding characters wherever possible"), but is otherwise
 * strict: Buffer.from(s, 'base64') silently skips characters it does not know, which would let two
 * different strings decode to the same key, hash or signature.
 */
const STANDARD = /^[A-Za-z0-9+/]*$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

export function encodeBase64(bytes: Uint8Array): string {
  return toBuffer(bytes).toString('base64').replace(/=+$/, '');
}

export function encodeBase64Url(bytes: Uint8Array): string {
  // Node's base64url encoding is already unpadded.
  return toBuffer(bytes).toString('base64url');
}

/** Decodes standard Base64, padded or not; throws MatrixError(M_INVALID_PARAM) on anything else. */
export function decodeBase64(encoded: string): Buffer {
  return decode(encoded, STANDARD, 'base64');
}

/** Decodes URL-safe Base64, padded or not; throws MatrixError(M_INVALID_PARAM) on anything else. */
export function decodeBase64Url(encoded: string): Buffer {
  return decode(encoded, URL_SAFE, 'base64url');
}

export function isValidBase64(encoded: string): boolean {
  return tryDecode(encoded, STANDARD, 'base64') !== undefined;
}

export function isValidBase64Url(encoded: string): boolean {
  return tryDecode(encoded, URL_SAFE, 'base64url') !== undefined;
}

function decode(encoded: string, alphabet: RegExp, encoding: 'base64' | 'base64url'): Buffer {
  const bytes = tryDecode(encoded, alphabet, encoding);
  if (bytes === undefined) {
    const what = encoding === 'base64' ? 'Base64' : 'URL-safe Base64';
    throw new MatrixError('M_INVALID_PARAM', 400, `Not valid ${what}: ${preview(encoded)}`);
  }
  return bytes;
}

function tryDecode(encoded: unknown, alphabet: RegExp, encoding: 'base64' | 'base64url'): Buffer | undefined {
  if (typeof encoded !== 'string') return undefined;
  let body = encoded;
  if (body.endsWith('=')) {
    // Padding, when present, must be exactly what RFC 4648 would have written.
    if (body.length % 4 !== 0) return undefined;
    body = body.endsWith('==') ? body.slice(0, -2) : body.slice(0, -1);
  }
  const rest = body.length % 4;
  if (rest === 1 || !alphabet.test(body)) return undefined;
  // Non-zero unused bits in the last character (RFC 4648 section 3.5) are ignored, not refused:
  // the spec's own test seed, "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1", has them.
  return Buffer.from(body, encoding);
}

function toBuffer(bytes: Uint8Array): Buffer {
  if (!(bytes instanceof Uint8Array)) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Base64 encoding needs bytes (a Uint8Array)');
  }
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function preview(s: unknown): string {
  if (typeof s !== 'string') return `a ${typeof s}`;
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}...` : s);
}
