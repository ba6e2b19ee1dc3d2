import { z } from 'zod';
import { ConfigProblem } from '../config-error';
import { oneOf } from './schema-helpers';
import { schemaAt, unwrap } from './schema-walk';
import { formatKeyPath, KeyPath, valueAt, YamlSource } from './yaml-source';

/**
 * For the few checks that carry no message of their own: zod's default text is not "expected"
 * text. A parse-time map outranks a schema's own messages in zod 3, so those are passed through.
 */
export const expectedErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (ctx.defaultError !== z.defaultErrorMap(issue, ctx).message) return { message: ctx.defaultError };
  if (issue.code === 'invalid_type') return { message: TYPE_NAMES[issue.expected] ?? issue.expected };
  if (issue.code === 'invalid_enum_value') return { message: oneOf(issue.options.map(String)) };
  return { message: ctx.defaultError };
};

const TYPE_NAMES: Partial<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

/** Where a value came from when it was not the file: `database.url` -> "$DATABASE_URL". */
export type Overrides = ReadonlyMap<string, { variable: string; value: string }>;

/** One problem per zod issue and per unknown key, in the order they appear in the file. */
export function issuesToProblems(
  issues: z.ZodIssue[],
  schema: z.ZodTypeAny,
  source: YamlSource,
  overrides: Overrides,
): ConfigProblem[] {
  return issues.flatMap((issue) => issueToProblems(issue, schema, source, overrides)).sort(byPosition);
}

/** Problems with no place in the file (environment variables) come first. */
function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

function issueToProblems(
  issue: z.ZodIssue,
  schema: z.ZodTypeAny,
  source: YamlSource,
  overrides: Overrides,
): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, issue.path);
    return issue.keys.map((key) => ({
      keyPath: formatKeyPath([...issue.path, key]),
      file: source.file,
      expected: suggestKey(key, known),
      got: `unknown key ${JSON.stringify(key)}`,
      ...source.position([...issue.path, key], true),
    }));
  }
  const keyPath = formatKeyPath(issue.path);
  const override = overrides.get(keyPath);
  if (override !== undefined) {
    return [
      { file: `$${override.variable}`, keyPath, expected: issue.message, got: describeValue(override.value) },
    ];
  }
  const value = valueAt(source.value, issue.path);
  return [
    {
      file: source.file,
      keyPath,
      expected: issue.message,
      got: describeValue(value, isSecretKey(issue.path)),
      ...source.position(issue.path),
    },
  ];
}

/** Problems in a value built in code (sample rendering, test configs): no file positions. */
export function valueProblems(issues: z.ZodIssue[], value: unknown, file: string): ConfigProblem[] {
  return issues.map((issue) => ({
    file,
    keyPath: formatKeyPath(issue.path),
    expected: issue.message,
    got: describeValue(valueAt(value, issue.path), isSecretKey(issue.path)),
  }));
}

function knownKeys(schema: z.ZodTypeAny, path: KeyPath): string[] {
  const at = schemaAt(schema, path);
  const inner = at && unwrap(at);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape as z.ZodRawShape) : [];
}

/** The known key nearest to a typo, or the list of known keys when none is near. */
export function suggestKey(key: string, known: string[]): string {
  const normalized = normalizeKey(key);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(normalized, normalizeKey(candidate));
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  if (best !== undefined && best.distance <= Math.max(2, Math.floor(best.key.length / 3))) {
    return `a known key (did you mean ${JSON.stringify(best.key)}?)`;
  }
  return known.length > 0 ? `one of the known keys: ${known.join(', ')}` : 'no key here';
}

/** "Server-Name" and "server_name" are the same typo. */
function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/-/g, '_');
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function isSecretKey(path: KeyPath): boolean {
  return path.some((segment) => typeof segment === 'string' && segment.includes('secret'));
}

const MAX_SHOWN_CHARS = 80;

/** What was found, for the "got" half of a problem line. Passwords in URLs are masked. */
export function describeValue(value: unknown, secret = false): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (secret) return `a ${Array.isArray(value) ? 'list' : typeof value} (not shown: a secret)`;
  if (typeof value === 'string') {
    const shown = maskPassword(value);
    return `string ${JSON.stringify(shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS)}...` : shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** "postgres://user:pw@host/db" -> "postgres://user:***@host/db"; anything else as it is. */
function maskPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:***@');
}
