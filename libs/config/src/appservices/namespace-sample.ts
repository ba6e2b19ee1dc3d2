/**
 * A namespace regex as the server matches it: from the start of the ID, not necessarily to its
 * end, as Synapse does. The same anchoring as protocol's compileNamespaceRule, which config may
 * not import (ARCHITECTURE.md, layering).
 */
export function anchoredNamespaceRegex(regex: string): RegExp {
  return new RegExp(`^(?:${regex})`);
}

/** One character that a class escape (`\d`, `\w`, ...) matches. */
const CLASS_ESCAPES: Readonly<Record<string, string>> = { d: '0', D: 'a', w: 'a', W: '-', s: ' ', S: 'a' };

/** Characters tried, in order, for `[...]`: the ones Matrix IDs are made of first. */
const CLASS_CANDIDATES = 'a0_-.z9A:=/+';

/**
 * A string the namespace regex matches, built by walking its literal text: `.` and classes become
 * one character they match, `*` and `?` drop their atom, `+` and `{n}` keep n copies. Undefined
 * when the pattern is beyond such a walk (groups, alternation, backreferences) or the result does
 * not match after all: callers use a sample only to prove that two namespaces overlap, so a
 * pattern with no sample is never reported, and one with a sample is never reported wrongly.
 */
export function namespaceSample(regex: string): string | undefined {
  let sample = '';
  let i = regex.startsWith('^') ? 1 : 0;
  while (i < regex.length) {
    const atom = readAtom(regex, i);
    if (atom === undefined) return undefined;
    if (atom.end) break;
    i = atom.next;
    const quantifier = readQuantifier(regex, i);
    if (quantifier === undefined) return undefined;
    i = quantifier.next;
    sample += atom.char.repeat(quantifier.min);
  }
  return anchoredNamespaceRegex(regex).test(sample) ? sample : undefined;
}

type Atom = { end: true } | { end: false; char: string; next: number };

function readAtom(regex: string, i: number): Atom | undefined {
  const c = regex[i];
  if (c === '$' && i === regex.length - 1) return { end: true };
  if (c === '\\') {
    const escaped = regex[i + 1];
    if (escaped === undefined || /[bB0-9ckux]/.test(escaped)) return undefined;
    return { end: false, char: CLASS_ESCAPES[escaped] ?? escaped, next: i + 2 };
  }
  if (c === '.') return { end: false, char: 'a', next: i + 1 };
  if (c === '[') {
    const close = classEnd(regex, i);
    if (close === undefined) return undefined;
    const cls = new RegExp(`^${regex.slice(i, close + 1)}$`);
    const char = [...CLASS_CANDIDATES].find((candidate) => cls.test(candidate));
    return char === undefined ? undefined : { end: false, char, next: close + 1 };
  }
  if ('()|^$*+?{}'.includes(c)) return undefined;
  return { end: false, char: c, next: i + 1 };
}

/** The index of the `]` closing the class opened at `open`. */
function classEnd(regex: string, open: number): number | undefined {
  let i = open + 1;
  if (regex[i] === '^') i++;
  if (regex[i] === ']') i++;
  for (; i < regex.length; i++) {
    if (regex[i] === '\\') i++;
    else if (regex[i] === ']') return i;
  }
  return undefined;
}

function readQuantifier(regex: string, i: number): { min: number; next: number } | undefined {
  const c = regex[i];
  let min = 1;
  let next = i;
  if (c === '*' || c === '?') {
    min = 0;
    next = i + 1;
  } else if (c === '+') {
    next = i + 1;
  } else if (c === '{') {
    const match = /^\{(\d+)(,\d*)?\}/.exec(regex.slice(i));
    if (!match) return undefined;
    min = Number(match[1]);
    if (min > 255) return undefined;
    next = i + match[0].length;
  }
  // A lazy quantifier matches the same strings.
  if (next > i && regex[next] === '?') next++;
  return { min, next };
}
