import fc from 'fast-check';
import {
  canonicalDottedPath,
  escapeDottedPathSegment,
  flattenJson,
  formatDottedPath,
  getDottedPath,
  parseDottedPath,
} from './dotted-path';

describe('appendices "Dot-separated property paths"', () => {
  it('splits `content.body` into its properties', () => {
    expect(parseDottedPath('content.body')).toEqual(['content', 'body']);
  });

  it('reads `content.m\\.relates_to` as the property `m.relates_to` in `content`', () => {
    expect(parseDottedPath('content.m\\.relates_to')).toEqual(['content', 'm.relates_to']);
    expect(parseDottedPath('content.m\\.relates_to.rel_type')).toEqual([
      'content',
      'm.relates_to',
      'rel_type',
    ]);
  });

  it('reads `content.m\\\\foo` as the property `m\\foo`', () => {
    expect(parseDottedPath('content.m\\\\foo')).toEqual(['content', 'm\\foo']);
  });

  it('leaves other escape sequences as-is: `\\x` is a backslash followed by x', () => {
    expect(parseDottedPath('content.m\\x')).toEqual(['content', 'm\\x']);
    expect(parseDottedPath('a\\')).toEqual(['a\\']);
  });

  it('keeps empty property names', () => {
    expect(parseDottedPath('')).toEqual(['']);
    expect(parseDottedPath('a..b')).toEqual(['a', '', 'b']);
    expect(parseDottedPath('.a')).toEqual(['', 'a']);
  });

  it('escapes only dots and backslashes', () => {
    expect(escapeDottedPathSegment('m.relates_to')).toBe('m\\.relates_to');
    expect(escapeDottedPathSegment('m\\foo')).toBe('m\\\\foo');
    expect(escapeDottedPathSegment('plain')).toBe('plain');
  });

  it('round-trips any list of property names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', '.', '\\', 'x', '') }), { minLength: 1 }),
        (segs) => {
          expect(parseDottedPath(formatDottedPath(segs))).toEqual(segs);
        },
      ),
    );
  });

  it('gives a redundantly escaped path its one canonical spelling', () => {
    expect(canonicalDottedPath('content.m\\x')).toBe('content.m\\\\x');
    expect(canonicalDottedPath('content.m\\.relates_to')).toBe('content.m\\.relates_to');
  });

  it('flattens an event to leaves under escaped paths; arrays are leaves', () => {
    const flat = flattenJson({
      type: 'm.room.message',
      content: { 'm.relates_to': { rel_type: 'm.replace' }, 'm\\foo': 1, list: [1, { a: 2 }], empty: {} },
    });
    expect([...flat.entries()]).toEqual([
      ['type', 'm.room.message'],
      ['content.m\\.relates_to.rel_type', 'm.replace'],
      ['content.m\\\\foo', 1],
      ['content.list', [1, { a: 2 }]],
    ]);
  });

  it('keeps a dotted key and a nested path apart', () => {
    const flat = flattenJson({ 'a.b': 1, a: { b: 2 } });
    expect(flat.get('a\\.b')).toBe(1);
    expect(flat.get('a.b')).toBe(2);
  });

  it('looks a path up through objects only, and only own properties', () => {
    const event = JSON.parse('{"content":{"list":[{"a":1}],"__proto__":{"x":1}}}');
    expect(getDottedPath(event, ['content', 'list'])).toEqual([{ a: 1 }]);
    expect(getDottedPath(event, ['content', 'list', '0'])).toBeUndefined();
    expect(getDottedPath(event, ['content', '__proto__', 'x'])).toBe(1);
    expect(getDottedPath(event, ['content', 'toString'])).toBeUndefined();
    expect(getDottedPath(event, ['missing'])).toBeUndefined();
  });
});
