import { literalWordsRegExp, matchesPushGlob, pushGlobRegExp } from './glob';

describe('appendices "Glob-style matching"', () => {
  it('`*` matches zero or more characters, `?` exactly one', () => {
    expect(matchesPushGlob('lunc?*', 'Lunch plans', 'whole-value')).toBe(true);
    expect(matchesPushGlob('lunc?*', 'LUNCH', 'whole-value')).toBe(true);
    expect(matchesPushGlob('lunc?*', 'lunc', 'whole-value')).toBe(false);
    expect(matchesPushGlob('lunc?*', ' lunch', 'whole-value')).toBe(false);
    expect(matchesPushGlob('a*', 'a', 'whole-value')).toBe(true);
    expect(matchesPushGlob('a?c', 'abc', 'whole-value')).toBe(true);
    expect(matchesPushGlob('a?c', 'ac', 'whole-value')).toBe(false);
    expect(matchesPushGlob('a?c', 'abbc', 'whole-value')).toBe(false);
  });

  it('`?` matches one character, even outside the BMP', () => {
    expect(matchesPushGlob('?', '🎉', 'whole-value')).toBe(true);
    expect(matchesPushGlob('??', '🎉', 'whole-value')).toBe(false);
  });

  it('`*` crosses line breaks', () => {
    expect(matchesPushGlob('a*b', 'a\nb', 'whole-value')).toBe(true);
  });

  it('takes every other character literally', () => {
    expect(matchesPushGlob('m.room.*', 'm.room.message', 'whole-value')).toBe(true);
    expect(matchesPushGlob('m.room.*', 'mXroomXmessage', 'whole-value')).toBe(false);
    expect(matchesPushGlob('(a|b)[c]+\\d$^{2}/', '(a|b)[c]+\\d$^{2}/', 'whole-value')).toBe(true);
    expect(matchesPushGlob('[abc]', 'a', 'whole-value')).toBe(false);
  });

  it('an empty glob matches only the empty value', () => {
    expect(matchesPushGlob('', '', 'whole-value')).toBe(true);
    expect(matchesPushGlob('', 'x', 'whole-value')).toBe(false);
  });

  it('compiles each (glob, mode) once', () => {
    expect(pushGlobRegExp('cake*lie', 'words')).toBe(pushGlobRegExp('cake*lie', 'words'));
    expect(pushGlobRegExp('cake*lie', 'words')).not.toBe(pushGlobRegExp('cake*lie', 'whole-value'));
  });

  it('collapses runs of stars, so a long run stays fast', () => {
    const started = Date.now();
    expect(matchesPushGlob(`${'*'.repeat(500)}x`, 'a'.repeat(10_000), 'whole-value')).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('word-boundary matching on content.body', () => {
  it('matches at the start and end of the value', () => {
    expect(matchesPushGlob('ex*ple', 'exple', 'words')).toBe(true);
    expect(matchesPushGlob('ex*ple', 'An example event.', 'words')).toBe(true);
  });

  it('spans words, and `-` separates words', () => {
    expect(matchesPushGlob('ex*ple', 'An exciting triple-whammy', 'words')).toBe(true);
  });

  it('does not match inside a word: letters, digits and `_` are not boundaries', () => {
    expect(matchesPushGlob('cake', 'pancakes', 'words')).toBe(false);
    expect(matchesPushGlob('cake', 'cake1', 'words')).toBe(false);
    expect(matchesPushGlob('cake', '_cake', 'words')).toBe(false);
    expect(matchesPushGlob('cake', 'cake!', 'words')).toBe(true);
    expect(matchesPushGlob('cake', 'café cake', 'words')).toBe(true);
  });

  it('treats any character outside [A-Za-z0-9_] as a boundary, including non-ASCII letters', () => {
    expect(matchesPushGlob('caf', 'café', 'words')).toBe(true);
  });

  it('is case-insensitive', () => {
    expect(matchesPushGlob('CAKE', 'I like Cake', 'words')).toBe(true);
  });

  it('matches a display name literally, not as a glob', () => {
    expect(literalWordsRegExp('A*ce').test('hi A*ce!')).toBe(true);
    expect(literalWordsRegExp('A*ce').test('hi Alice')).toBe(false);
  });
});

describe('the compiled-glob cache', () => {
  it('keeps answering correctly after it fills up and starts over', () => {
    for (let i = 0; i < 5000; i++) expect(matchesPushGlob(`x${i}*`, `x${i}yz`, 'whole-value')).toBe(true);
    expect(matchesPushGlob('x0*', 'x0yz', 'whole-value')).toBe(true);
  });
});
