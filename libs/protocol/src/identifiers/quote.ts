/** An identifier as it appears in an error message: JSON-quoted, cut short if long. */
export function quote(value: unknown): string {
  if (typeof value !== 'string') return `(a ${typeof value})`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
}
