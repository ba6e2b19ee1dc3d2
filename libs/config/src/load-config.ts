import { dirname, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { configSchema, SwitchboardConfig } from './config.schema';
import { readConfigText } from './load-yaml-file';
import { checkPaths, resolvePaths } from './internal/paths';
import { expectedErrorMap, issuesToProblems, Overrides } from './internal/problems';
import { YamlSource } from './internal/yaml-source';

export const DEFAULT_CONFIG_PATH = './config/homeserver.yaml';

type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables that replace a key of the file, for containers and secrets. */
const ENV_OVERRIDES = [
  { variable: 'DATABASE_URL', section: 'database', key: 'url' },
  { variable: 'REDIS_URL', section: 'redis', key: 'url' },
] as const;

export interface LoadConfigOptions {
  /** The config file; else $SWITCHBOARD_CONFIG; else ./config/homeserver.yaml. */
  path?: string;
  env?: Env;
}

/**
 * Reads, validates and completes the configuration. Throws ConfigError, listing every problem,
 * and nothing else; it never prints or exits (apps/ does, with exit code 1).
 */
export function loadConfig({ path, env = process.env }: LoadConfigOptions = {}): SwitchboardConfig {
  const file = path ?? nonEmpty(env.SWITCHBOARD_CONFIG) ?? DEFAULT_CONFIG_PATH;
  const text = readConfigText(file, 'a readable YAML config file');
  return parseConfig(text, { file, baseDir: dirname(resolve(file)), env });
}

export interface ParseConfigOptions {
  /** Named in problem lines. */
  file: string;
  /** Relative paths in the config are resolved against it (loadConfig: the file's directory). */
  baseDir: string;
  /** DATABASE_URL and REDIS_URL are read from it; none by default. */
  env?: Env;
}

/** loadConfig without the file system read: the YAML text is given. */
export function parseConfig(
  text: string,
  { file, baseDir, env = {} }: ParseConfigOptions,
): SwitchboardConfig {
  const source = YamlSource.parse(text, file);
  if (Array.isArray(source)) throw new ConfigError(source);

  const { value, overrides } = applyEnvOverrides(source.value, env);
  const result = configSchema.safeParse(value, { errorMap: expectedErrorMap });
  if (!result.success) {
    throw new ConfigError(issuesToProblems(result.error.issues, configSchema, source, overrides));
  }
  const config = resolvePaths(result.data, baseDir);
  const problems = checkPaths(config, source);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function applyEnvOverrides(value: unknown, env: Env): { value: unknown; overrides: Overrides } {
  const overrides = new Map<string, { variable: string; value: string }>();
  // A document that is not a mapping is reported as it is; there is nothing to override into.
  if (!isMapping(value)) return { value, overrides };
  const result: Record<string, unknown> = { ...value };
  for (const { variable, section, key } of ENV_OVERRIDES) {
    const override = nonEmpty(env[variable]);
    const current = result[section] ?? {};
    if (override === undefined || !isMapping(current)) continue;
    result[section] = { ...current, [key]: override };
    overrides.set(`${section}.${key}`, { variable, value: override });
  }
  return { value: result, overrides };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `DATABASE_URL=` (set but empty, as compose files often leave it) means unset. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
