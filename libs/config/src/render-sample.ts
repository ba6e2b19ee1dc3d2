import { Document, isMap, isScalar, isSeq, stringify } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { configObjectSchema, configSchema } from './config.schema';
import { expectedErrorMap, valueProblems } from './internal/problems';
import { descriptionOf, unwrap } from './internal/schema-walk';

/** The server name of the committed config/homeserver.yaml. */
export const SAMPLE_SERVER_NAME = 'localhost:8008';

export interface SampleConfigOptions {
  serverName: string;
  /** Default: https://<serverName>/, or http:// for a loopback server name. */
  publicBaseurl?: string;
}

/** The repository's prettier style (.prettierrc), so `prettier --check` passes on the sample. */
const YAML_STYLE = { flowCollectionPadding: false, singleQuote: true } as const;

const HEADER = `\
 Switchboard homeserver configuration. Every key is shown with its default.

 Rendered from the schemas in libs/config/src/sections/ by \`generate-config --server-name NAME\`;
 config/homeserver.yaml is the rendering for localhost:8008 (\`npm run config:sample\`).
 Relative paths are relative to this file's directory. The environment variables DATABASE_URL
 and REDIS_URL override database.url and redis.url; SWITCHBOARD_CONFIG names the file to read.`;

/**
 * A commented config/homeserver.yaml: every key with its doc line and its default, taken from the
 * schemas, so the sample cannot drift from what the loader accepts. Throws ConfigError for a bad
 * server name or base URL.
 */
export function renderSampleConfig({ serverName, publicBaseurl }: SampleConfigOptions): string {
  const input = { server_name: serverName, public_baseurl: publicBaseurl };
  const result = configSchema.safeParse(input, { errorMap: expectedErrorMap });
  if (!result.success) throw new ConfigError(valueProblems(result.error.issues, input, 'generate-config'));
  const doc = new Document(result.data);
  doc.commentBefore = HEADER;
  annotate(doc.contents, configObjectSchema, true);
  return doc.toString({ ...YAML_STYLE, lineWidth: 0 });
}

/** Puts each key's doc line above it, walking the YAML nodes and the schema side by side. */
function annotate(node: unknown, schema: z.ZodTypeAny, topLevel = false): void {
  const inner = unwrap(schema);
  if (isMap(node) && inner instanceof z.ZodObject) {
    const shape = inner.shape as z.ZodRawShape;
    node.items.forEach((pair, i) => {
      if (!isScalar(pair.key)) return;
      const keySchema = shape[String(pair.key.value)];
      pair.key.commentBefore = ` ${docLine(keySchema)}`;
      // A blank line between top-level sections; none inside one, where keys belong together.
      pair.key.spaceBefore = topLevel && i > 0;
      annotate(pair.value, keySchema);
    });
  } else if (isSeq(node) && inner instanceof z.ZodArray) {
    node.flow = node.items.every(isScalar);
    for (const item of node.items) annotate(item, inner.element as z.ZodTypeAny);
  }
}

const FLOW = { ...YAML_STYLE, collectionStyle: 'flow' } as const;

function docLine(schema: z.ZodTypeAny): string {
  const doc = descriptionOf(schema) ?? '';
  const fallback = defaultOf(schema);
  if (fallback === undefined) return schema.isOptional() ? doc : `${doc} Required.`;
  // A mapping shows its defaults key by key, and a list of mappings (listeners) is no one-liner.
  const inner = unwrapElement(unwrap(schema));
  return inner instanceof z.ZodObject ? doc : `${doc} Default: ${stringify(fallback.value, FLOW).trim()}.`;
}

function unwrapElement(schema: z.ZodTypeAny): z.ZodTypeAny {
  return schema instanceof z.ZodArray ? unwrap(schema.element as z.ZodTypeAny) : schema;
}

/** The value of the first ZodDefault met while unwrapping, if any. */
function defaultOf(schema: z.ZodTypeAny): { value: unknown } | undefined {
  for (;;) {
    if (schema instanceof z.ZodDefault) return { value: schema._def.defaultValue() as unknown };
    if (schema instanceof z.ZodEffects) schema = schema.innerType();
    else if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) schema = schema.unwrap();
    else return undefined;
  }
}
