import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config-error';
import { configSchema, SwitchboardConfig } from '../config.schema';
import { expectedErrorMap, valueProblems } from '../internal/problems';

/** Top-level keys replace the defaults; a section's keys may be given in part. */
export type ConfigOverrides = {
  [K in keyof SwitchboardConfig]?: SwitchboardConfig[K] extends unknown[] | string | null
    ? SwitchboardConfig[K]
    : Partial<SwitchboardConfig[K]>;
};

/**
 * A valid config for tests: server_name "test.local", data_dir a fresh temp directory (the caller
 * may delete it), everything else the defaults. The overrides go through the same schema as a
 * config file, so an invalid one throws ConfigError; files named in it are not checked.
 *
 * Without a listeners override, the one default listener has port 0, which no config file may
 * say: the OS picks a free port, so test servers in parallel jest workers never collide.
 */
export function testConfig(overrides: ConfigOverrides = {}): SwitchboardConfig {
  const input = {
    server_name: 'test.local',
    // Tests run no bridges unless they say so: the default directory is relative to the cwd here.
    bridges_dir: null,
    ...overrides,
    data_dir: overrides.data_dir ?? mkdtempSync(join(tmpdir(), 'switchboard-test-')),
  };
  const result = configSchema.safeParse(input, { errorMap: expectedErrorMap });
  if (!result.success) throw new ConfigError(valueProblems(result.error.issues, input, 'testConfig'));
  const config = result.data;
  if (overrides.listeners !== undefined) return config;
  return { ...config, listeners: config.listeners.map((listener) => ({ ...listener, port: 0 })) };
}
