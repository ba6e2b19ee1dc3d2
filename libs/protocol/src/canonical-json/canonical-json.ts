import { MatrixError } from '../errors/matrix-error';
import { RoomVersion } from '../room-versions/room-version.types';

export interface CanonicalJsonOptions {
  /**
   * Whose number rules apply. Room versions 1-5 ("v1-canonical-json": servers MUST NOT strictly
   * enforce the format) accept floats and integers beyond 2**53; the appendix's own rules, which
   * room version 6 and later enforce, are the default, so JSON that is not part of an old room's
   * event (keys, request bodies) is held to them.
   */
  readonly version?: Pick<RoomVersion, 'canonicalJson'>;
}

/**
 * Nesting cap. Synapse's encoder stops near Python's recursion limit of 1000, so nothing deeper
 * can be signed by the rest of the federation anyway; without a cap, hostile input would end in
 * a RangeError instead of a MatrixError.
 */
const MAX_DEPTH = 1000;

// With the u flag a well-formed surrogate pair is one code point, so only lone surrogates match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Canonical JSON (appendices "Canonical JSON"): "the shortest UTF-8 JSON encoding with dictionary
 * keys lexicographically sorted by Unicode codepoint", returned as a string (encode it as UTF-8
 * to hash or sign it). JSON.stringify already writes strings exactly as the grammar's `char`
 * rule does: `\"`, `\\`, `\b \t \n \f \r`, `\u00xx` in lower case for the other control
 * characters, and every other code point literally. Properties whose value is `undefined` are
 * skipped, as JSON.stringify would, so a typed object with an absent optional field encodes as if
 * the field were missing.
 *
 * Throws MatrixError(M_BAD_JSON, 400) for anything the grammar cannot express: a float or an
 * integer outside [-(2**53)+1, (2**53)-1] under the strict rules (v6-canonical-json: "a 400
 * M_BAD_JSON error on most endpoints"), NaN or Infinity, a lone surrogate (not encodable as
 * UTF-8), and values that are not JSON at all.
 */
export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  const strict = (options.version?.canonicalJson ?? 'v6') === 'v6';
  return encode(value, strict, 0);
}

function encode(value: unknown, strict: boolean, depth: number): string {
  switch (typeof value) {
    case 'string':
      return encodeString(value);
    case 'number':
      return encodeNumber(value, strict);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw badJson(`JSON is nested more than ${MAX_DEPTH} levels deep`);
      return Array.isArray(value)
        ? encodeArray(value, strict, depth + 1)
        : encodeObject(value as Record<string, unknown>, strict, depth + 1);
    default:
      throw badJson(`A ${typeof value} is not a JSON value`);
  }
}

function encodeArray(array: readonly unknown[], strict: boolean, depth: number): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (item === undefined) throw badJson('An array holds an undefined element');
    if (i > 0) out += ',';
    out += encode(item, strict, depth);
  }
  return out + ']';
}

function encodeObject(object: Record<string, unknown>, strict: boolean, depth: number): string {
  const proto = Object.getPrototypeOf(object);
  // A plain object of any realm (JSON parsed by fetch in a test VM has another realm's
  // Object.prototype): its prototype is a root prototype, or it has none.
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    throw badJson(`A ${proto?.constructor?.name ?? 'non-plain'} object is not a JSON value`);
  }
  const keys = Object.keys(object);
  sortByCodePoint(keys);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += encodeString(key) + ':' + encode(member, strict, depth);
  }
  return out + '}';
}

function encodeString(s: string): string {
  if (LONE_SURROGATE.test(s))
    throw badJson('A string holds a lone UTF-16 surrogate, which UTF-8 cannot encode');
  return JSON.stringify(s);
}

function encodeNumber(n: number, strict: boolean): string {
  // String(-0) is "0": the appendix's example turns -0 into 0, and "-0 MUST NOT appear".
  if (Number.isSafeInteger(n)) return String(n);
  if (!Number.isFinite(n)) throw badJson(`${n} is not a JSON number`);
  if (strict) {
    throw badJson(
      Number.isInteger(n)
        ? `The integer ${n} is outside the range [-(2**53)+1, (2**53)-1]`
        : `The float ${n} is not allowed: numbers must be integers`,
    );
  }
  // Lenient rooms: write large integers in full rather than in exponent form, as the encoders of
  // the time (Python's json) did for integers.
  return Number.isInteger(n) ? BigInt(n).toString() : JSON.stringify(n);
}

/**
 * Array.prototype.sort compares UTF-16 code units, which agrees with code point order except
 * when a character beyond U+FFFF (a surrogate pair) meets one in U+E000..U+FFFF, so the slower
 * comparison runs only for keys that hold a surrogate.
 */
function sortByCodePoint(keys: string[]): void {
  if (keys.length < 2) return;
  keys.sort();
  if (keys.some((k) => ANY_SURROGATE.test(k))) keys.sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    // A surrogate starts a code point above U+FFFF, beyond every non-surrogate code unit.
    return xs ? 1 : -1;
  }
  return a.length - b.length;
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}
