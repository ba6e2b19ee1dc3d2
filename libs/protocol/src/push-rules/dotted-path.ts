import { JsonObject, JsonValue } from '../events/pdu.types';

/**
 * Dot-separated property paths (appendices "Dot-separated property paths"): "any literal dot or
 * backslash found in a property name should be escaped with a backslash", and "other escape
 * sequences are left as-is, e.g. a `\x` would be treated as a literal backslash followed by 'x'".
 */
export function parseDottedPath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    const next = path[i + 1];
    if (c === '\\' && (next === '.' || next === '\\')) {
      current += next;
      i++;
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments;
}

export function escapeDottedPathSegment(segment: string): string {
  return segment.replace(/[\\.]/g, (c) => `\\${c}`);
}

export function formatDottedPath(segments: readonly string[]): string {
  return segments.map(escapeDottedPathSegment).join('.');
}

const canonicalPaths = new Map<string, string>();
const MAX_CACHED_PATHS = 1024;

/**
 * The one spelling of a path that `flattenJson` produces, so that `content.m\x` (a redundant escape)
 * finds the property `m\x`, which flattens to `content.m\\x`.
 */
export function canonicalDottedPath(path: string): string {
  let canonical = canonicalPaths.get(path);
  if (canonical === undefined) {
    canonical = formatDottedPath(parseDottedPath(path));
    if (canonicalPaths.size >= MAX_CACHED_PATHS) canonicalPaths.clear();
    canonicalPaths.set(path, canonical);
  }
  return canonical;
}

/**
 * Every non-object value of a JSON object under its canonical dotted path. Objects are walked into,
 * arrays and scalars are leaves: no push condition matches an object, and
 * `event_property_contains` needs the array whole.
 */
export function flattenJson(value: JsonObject): ReadonlyMap<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  const walk = (obj: JsonObject, prefix: string): void => {
    for (const [key, child] of Object.entries(obj)) {
      const path = prefix + escapeDottedPathSegment(key);
      if (child !== null && typeof child === 'object' && !Array.isArray(child)) walk(child, `${path}.`);
      else out.set(path, child);
    }
  };
  walk(value, '');
  return out;
}

/** The value at a path, walking objects only (a segment never indexes an array). */
export function getDottedPath(value: JsonValue, segments: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}
