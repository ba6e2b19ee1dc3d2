/**
 * Event type patterns in filters: "A `*` can be used as a wildcard to match any sequence of
 * characters." Nothing else is special, and event types are compared case-sensitively.
 */
const MAX_CACHED = 1024;
const cache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  const source = pattern
    .split(/\*+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[^]*');
  return new RegExp(`^${source}$`, 'u');
}

export function matchesWildcard(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  let re = cache.get(pattern);
  if (re === undefined) {
    re = compile(pattern);
    // Patterns come from clients' filters; a full cache starts over rather than grow without bound.
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(value);
}
