/**
 * Parallel arrays of (key, value) for every value of every item: what `unnest($1::text[],
 * $2::text[])` takes to insert or match many rows of pairs in one statement.
 */
export function pairs<T>(
  items: readonly T[],
  key: (item: T) => string,
  values: (item: T) => readonly string[],
): [string[], string[]] {
  const keys: string[] = [];
  const flat: string[] = [];
  for (const item of items) {
    for (const value of values(item)) {
      keys.push(key(item));
      flat.push(value);
    }
  }
  return [keys, flat];
}
