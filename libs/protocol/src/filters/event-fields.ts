import { JsonObject } from '../events/pdu.types';
import { getDottedPath, parseDottedPath } from '../push-rules/dotted-path';

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length < path.length && prefix.every((segment, i) => segment === path[i]);
}

/** Defined as an own property even when the key is `__proto__`, which `=` would not do. */
function setOwn(target: JsonObject, key: string, value: JsonObject[string]): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `event_fields`: "List of event fields to include. If this list is absent then all fields are
 * included. The entries are dot-separated paths for each property to include." A path under
 * another listed path adds nothing, so only the outermost are copied; the result shares those
 * values with `event`, and builds fresh objects only on the way to them.
 */
export function projectEventFields(event: JsonObject, fields: readonly string[] | undefined): JsonObject {
  if (fields === undefined) return event;
  const paths = fields.map(parseDottedPath);
  const outermost = paths.filter((path) => !paths.some((other) => isPrefix(other, path)));
  const out: JsonObject = {};
  for (const path of outermost) {
    const value = getDottedPath(event, path);
    if (value === undefined) continue;
    let target = out;
    for (const segment of path.slice(0, -1)) {
      const next = Object.hasOwn(target, segment) ? target[segment] : undefined;
      if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
        target = next;
      } else {
        const created: JsonObject = {};
        setOwn(target, segment, created);
        target = created;
      }
    }
    setOwn(target, path[path.length - 1], value);
  }
  return out;
}
