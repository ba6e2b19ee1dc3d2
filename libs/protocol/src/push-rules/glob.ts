/**
 * Glob-style matching (appendices "Glob-style matching"): "`*` matches zero or more characters",
 * "`?` matches exactly one character". Push rules match case-insensitively; a character is a code
 * point (the `u` flag), so `?` matches one emoji, not half of one.
 */
export type PushGlobMode = 'whole-value' | 'words';

/**
 * "A word boundary is defined as the start or end of the value, or any character not in the sets
 * `[A-Z]`, `[a-z]`, `[0-9]` or `_`" (push rules, `content.body` and content rules).
 */
const WORD_BOUNDARY_BEFORE = '(?:^|[^A-Za-z0-9_])';
const WORD_BOUNDARY_AFTER = '(?:[^A-Za-z0-9_]|$)';

const MAX_CACHED = 4096;
const cache = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function globSource(glob: string): string {
  let source = '';
  let afterStar = false;
  for (const c of glob) {
    // A run of stars means the same as one, and one `[^]*` backtracks far less than several.
    if (c === '*' && !afterStar) source += '[^]*';
    else if (c === '?') source += '[^]';
    else if (c !== '*') source += escapeRegExp(c);
    afterStar = c === '*';
  }
  return source;
}

function compile(source: string, mode: PushGlobMode): RegExp {
  return mode === 'words'
    ? new RegExp(`${WORD_BOUNDARY_BEFORE}${source}${WORD_BOUNDARY_AFTER}`, 'iu')
    : new RegExp(`^${source}$`, 'iu');
}

function cached(key: string, build: () => RegExp): RegExp {
  let re = cache.get(key);
  if (re === undefined) {
    re = build();
    // Patterns come from users' rules; a full cache starts over rather than grow without bound.
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** The compiled form of a glob, built once per (pattern, mode). */
export function pushGlobRegExp(glob: string, mode: PushGlobMode): RegExp {
  return cached(`g${mode}:${glob}`, () => compile(globSource(glob), mode));
}

/** Matches `text` literally (no wildcards) as whole words, case-insensitively. */
export function literalWordsRegExp(text: string): RegExp {
  return cached(`l:${text}`, () => compile(escapeRegExp(text), 'words'));
}

export function matchesPushGlob(glob: string, value: string, mode: PushGlobMode): boolean {
  return pushGlobRegExp(glob, mode).test(value);
}
