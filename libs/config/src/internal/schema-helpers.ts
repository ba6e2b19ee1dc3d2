import { z } from 'zod';

// Convention for every schema in sections/: each issue's `message` is the "expected" half of a
// problem line ("an integer from 1 to 65535"); what was found is described from the raw value.

/**
 * A mapping or list key left empty in YAML (`federation:` with every line below commented out)
 * parses as null; it means "the default", not a wrong type.
 */
export function emptyMeansDefault<T extends z.ZodTypeAny>(schema: z.ZodDefault<T>) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

/** Rejects repeated items, one problem at each repeat. */
export function uniqueItems<T>(what: string) {
  return (items: T[], ctx: z.RefinementCtx): void => {
    items.forEach((item, i) => {
      if (items.indexOf(item) !== i) {
        ctx.addIssue({ code: 'custom', path: [i], message: `${what} not already listed above` });
      }
    });
  };
}

/** A path to a file that must exist; checked after the schema (see file-checks.ts). */
export function filePath(doc: string) {
  const message = 'a file path';
  return z.string({ message }).min(1, { message }).describe(doc);
}

/** `one of "a", "b", "c"`: the expected text for a fixed set of strings. */
export function oneOf(values: readonly string[]): string {
  return `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}
