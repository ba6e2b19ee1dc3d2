import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { expectedErrorMap, issuesToProblems } from './internal/problems';
import { YamlSource } from './internal/yaml-source';

/**
 * Reads and validates a YAML file against any schema (a bridge's config, say) with the homeserver's
 * problem lines: file, line, key path, expected, got. Throws ConfigError and nothing else.
 */
export function loadYamlFile<S extends z.ZodTypeAny>(file: string, schema: S): z.output<S> {
  return parseYamlText(readConfigText(file, 'a readable YAML file'), file, schema);
}

/** A config file's text, or ConfigError saying why it cannot be read. */
export function readConfigText(file: string, expected: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const got = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `error ${code}`;
    throw new ConfigError([{ file, keyPath: '', expected, got }]);
  }
}

/** loadYamlFile without the read. */
export function parseYamlText<S extends z.ZodTypeAny>(text: string, file: string, schema: S): z.output<S> {
  const source = YamlSource.parse(text, file);
  if (Array.isArray(source)) throw new ConfigError(source);
  const result = schema.safeParse(source.value, { errorMap: expectedErrorMap });
  if (!result.success)
    throw new ConfigError(issuesToProblems(result.error.issues, schema, source, new Map()));
  return result.data;
}
