import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import { roomVersion } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { compareCodePoints } from './canonical-json';
import { canonicalJson } from './index';

const lenient = { version: roomVersion('5') as RoomVersion };
const strict = { version: roomVersion('6') as RoomVersion };

describe('canonicalJson (appendices "Canonical JSON")', () => {
  // appendices "Canonical JSON" > "Examples": each input is the spec's JSON text, parsed.
  const example = (title: string, input: string, output: string) =>
    it(`appendices "Canonical JSON" > "Examples": ${title}`, () => {
      expect(canonicalJson(JSON.parse(input))).toBe(output);
      expect(canonicalJson(JSON.parse(input), lenient)).toBe(output);
    });

  example('the empty object', '{}', '{}');
  example('removes whitespace', '{\n    "one": 1,\n    "two": "Two"\n}', '{"one":1,"two":"Two"}');
  example('sorts keys', '{\n    "b": "2",\n    "a": "1"\n}', '{"a":"1","b":"2"}');
  example('sorts keys of compact input', '{"b":"2","a":"1"}', '{"a":"1","b":"2"}');
  example(
    'sorts nested objects and keeps array order',
    `{
      "auth": {
        "success": true,
        "mxid": "@john.doe:example.com",
        "profile": {
          "display_name": "John Doe",
          "three_pids": [
            { "medium": "email", "address": "john.doe@example.org" },
            { "medium": "msisdn", "address": "123456789" }
          ]
        }
      }
    }`,
    '{"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}}',
  );
  example('writes non-ASCII as UTF-8', '{\n    "a": "日本語"\n}', '{"a":"日本語"}');
  example('sorts non-ASCII keys by code point', '{\n    "本": 2,\n    "日": 1\n}', '{"日":1,"本":2}');
  example('unescapes \\u escapes', '{\n    "a": "\\u65E5"\n}', '{"a":"日"}');
  example('writes null', '{\n    "a": null\n}', '{"a":null}');
  example(
    'writes -0 as 0 and 1e10 without an exponent',
    '{\n    "a": -0,\n    "b": 1e10\n}',
    '{"a":0,"b":10000000000}',
  );

  describe('appendices "Canonical JSON" > "Grammar": escaped', () => {
    it.each([
      ['\b', '"\\b"'],
      ['\t', '"\\t"'],
      ['\n', '"\\n"'],
      ['\f', '"\\f"'],
      ['\r', '"\\r"'],
      ['"', '"\\""'],
      ['\\', '"\\\\"'],
    ])('appendices "Canonical JSON" > "Grammar": %j has its dedicated escape', (input, output) => {
      expect(canonicalJson(input)).toBe(output);
    });

    it('appendices "Canonical JSON" > "Grammar": other control characters are \\u00XX with lower-case hex', () => {
      for (let c = 0; c < 0x20; c++) {
        if ([8, 9, 10, 12, 13].includes(c)) continue;
        expect(canonicalJson(String.fromCharCode(c))).toBe(`"\\u00${c.toString(16).padStart(2, '0')}"`);
      }
      expect(canonicalJson('\u001f')).toBe('"\\u001f"');
    });

    it('appendices "Canonical JSON" > "Grammar": everything else is unescaped, "/", DEL, U+2028 and astral characters included', () => {
      expect(canonicalJson('/\u007f\u2028\u{1F600}é')).toBe('"/\u007f\u2028\u{1F600}é"');
    });
  });

  it('appendices "Canonical JSON": sorts keys by code point, not by UTF-16 code unit', () => {
    // U+FF61 sorts before U+1F600 by code point, after it by UTF-16 code unit (0xD83D).
    expect(canonicalJson({ '\u{1F600}': 1, '\uFF61': 2 })).toBe('{"\uFF61":2,"\u{1F600}":1}');
    expect(compareCodePoints('\uFF61', '\u{1F600}')).toBeLessThan(0);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
  });

  it('appendices "Canonical JSON": writes integers at the edges of [-(2**53)+1, (2**53)-1]', () => {
    expect(canonicalJson([2 ** 53 - 1, -(2 ** 53) + 1])).toBe('[9007199254740991,-9007199254740991]');
  });

  it.each([
    ['a float', 1.5],
    ['2**53', 2 ** 53],
    ['-(2**53)', -(2 ** 53)],
    ['1e300', 1e300],
  ])('rooms/fragments/v6-canonical-json: rejects %s with M_BAD_JSON', (_what, n) => {
    expect(() => canonicalJson({ n }, strict)).toThrow(
      expect.objectContaining({ errcode: 'M_BAD_JSON', status: 400 }),
    );
    expect(() => canonicalJson({ n })).toThrow(MatrixError);
  });

  it('rooms/fragments/v1-canonical-json: does not enforce the number rules', () => {
    expect(canonicalJson({ a: 1.5, b: 2 ** 60, c: -1e21 }, lenient)).toBe(
      '{"a":1.5,"b":1152921504606846976,"c":-1000000000000000000000}',
    );
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['undefined in an array', [undefined]],
    ['a function', () => 1],
    ['a bigint', 1n],
    ['a symbol', Symbol('s')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a lone surrogate in a string', '\uD800'],
    ['a lone surrogate in a key', { '\uDC00': 1 }],
    ['top-level undefined', undefined],
  ])('rejects %s with M_BAD_JSON in either mode', (_what, value) => {
    expect(() => canonicalJson(value, lenient)).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON' }));
    expect(() => canonicalJson(value, strict)).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON' }));
  });

  it('skips properties whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, number>;
    o.b = 1;
    o.a = 2;
    expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
  });

  it('rejects nesting deeper than 1000 levels with M_BAD_JSON instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON' }));
    let ok: unknown = 1;
    for (let i = 0; i < 1000; i++) ok = [ok];
    expect(canonicalJson(ok)).toHaveLength(2001);
  });

  it('rejects a cyclic object with M_BAD_JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(MatrixError);
  });
});

describe('canonicalJson properties', () => {
  const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

  it('is stable under key reordering', () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed), lenient)).toBe(canonicalJson(value, lenient));
      }),
    );
  });

  it('is valid JSON that parses back to the same value and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(json, (value) => {
        const encoded = canonicalJson(value, lenient);
        expect(JSON.parse(encoded)).toEqual(value);
        expect(canonicalJson(JSON.parse(encoded), lenient)).toBe(encoded);
      }),
    );
  });

  it('has no insignificant whitespace and sorted keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.integer()), (value) => {
        const encoded = canonicalJson(value);
        const keys = Object.keys(JSON.parse(encoded));
        expect(keys).toEqual([...keys].sort(compareCodePoints));
        expect(encoded).toBe(JSON.stringify(Object.fromEntries(keys.map((k) => [k, value[k]]))));
      }),
    );
  });

  it('bad input never throws anything but MatrixError', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
          withBoxedValues: true,
        }),
        (value) => {
          for (const options of [lenient, strict]) {
            try {
              canonicalJson(value, options);
            } catch (e) {
              expect(e).toBeInstanceOf(MatrixError);
            }
          }
        },
      ),
    );
  });
});

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  let s = seed;
  for (let i = entries.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, seed)]));
}
