import { z } from 'zod';

/** The schema under defaults, nullability, optionality, refinements and transforms. */
export function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  for (;;) {
    if (schema instanceof z.ZodEffects) schema = schema.innerType();
    else if (schema instanceof z.ZodDefault) schema = schema.removeDefault();
    else if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) schema = schema.unwrap();
    else return schema;
  }
}

/** The schema of the value at `path` (list indexes step into the element schema), if any. */
export function schemaAt(root: z.ZodTypeAny, path: readonly (string | number)[]): z.ZodTypeAny | undefined {
  let schema: z.ZodTypeAny | undefined = root;
  for (const segment of path) {
    const inner: z.ZodTypeAny = unwrap(schema);
    if (inner instanceof z.ZodObject && typeof segment === 'string') {
      schema = (inner.shape as z.ZodRawShape)[segment];
    } else if (inner instanceof z.ZodArray && typeof segment === 'number') {
      schema = inner.element as z.ZodTypeAny;
    } else {
      return undefined;
    }
    if (schema === undefined) return undefined;
  }
  return schema;
}

/** The first description met while unwrapping, so `.describe()` may sit at any layer. */
export function descriptionOf(schema: z.ZodTypeAny): string | undefined {
  for (;;) {
    if (schema.description !== undefined) return schema.description;
    if (schema instanceof z.ZodEffects) schema = schema.innerType();
    else if (schema instanceof z.ZodDefault) schema = schema.removeDefault();
    else if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) schema = schema.unwrap();
    else return undefined;
  }
}
