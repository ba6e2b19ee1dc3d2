/**
 * Orders event IDs by Unicode code point, as the spec's "x's `event_id` is less than y's" is read by
 * other servers (Synapse compares Python strings, ruma UTF-8 bytes; both are code point order).
 * JavaScript's `<` compares UTF-16 code units, which disagrees once a surrogate pair meets a code
 * unit in U+E000..U+FFFF, so those two ranges are swapped before comparing.
 */
export function compareEventIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
