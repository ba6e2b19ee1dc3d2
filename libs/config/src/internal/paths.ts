import { accessSync, constants, Stats, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigProblem } from '../config-error';
import { SwitchboardConfig } from '../config.schema';
import { describeValue } from './problems';
import { formatKeyPath, KeyPath, valueAt, YamlSource } from './yaml-source';

/**
 * Every path in the config, resolved against the config file's directory, so the server finds
 * the same files whatever directory it was started from.
 */
export function resolvePaths(config: SwitchboardConfig, baseDir: string): SwitchboardConfig {
  const at = (path: string): string => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    ...config,
    data_dir: at(config.data_dir),
    listeners: config.listeners.map((listener) => ({
      ...listener,
      tls: listener.tls && { certificate: at(listener.tls.certificate), key: at(listener.tls.key) },
    })),
    federation: { ...config.federation, trusted_ca_files: config.federation.trusted_ca_files.map(at) },
    app_service_config_files: config.app_service_config_files.map(at),
    bridges_dir: config.bridges_dir === null ? null : at(config.bridges_dir),
  };
}

/** The keys naming files that must exist when the server starts. */
function requiredFiles(config: SwitchboardConfig): { path: KeyPath; file: string }[] {
  return [
    ...config.listeners.flatMap((listener, i) =>
      listener.tls
        ? [
            { path: ['listeners', i, 'tls', 'certificate'], file: listener.tls.certificate },
            { path: ['listeners', i, 'tls', 'key'], file: listener.tls.key },
          ]
        : [],
    ),
    ...config.federation.trusted_ca_files.map((file, i) => ({
      path: ['federation', 'trusted_ca_files', i],
      file,
    })),
    ...config.app_service_config_files.map((file, i) => ({ path: ['app_service_config_files', i], file })),
  ];
}

/** Files that are missing or unreadable, and a data_dir that is something other than a directory. */
export function checkPaths(config: SwitchboardConfig, source: YamlSource): ConfigProblem[] {
  const problem = (path: KeyPath, expected: string, found: string): ConfigProblem => ({
    file: source.file,
    keyPath: formatKeyPath(path),
    expected,
    got: `${describeValue(valueAt(source.value, path))}, ${found}`,
    ...source.position(path),
  });
  const problems: ConfigProblem[] = [];
  for (const { path, file } of requiredFiles(config)) {
    const found = fileTrouble(file);
    if (found !== null) problems.push(problem(path, 'a readable file', found));
  }
  const dataDir = statOrNull(config.data_dir);
  // A missing data_dir is fine: the server creates it on first start.
  if (dataDir !== null && !dataDir.isDirectory()) {
    problems.push(problem(['data_dir'], 'a directory path', `which is a file (${config.data_dir})`));
  }
  return problems;
}

function fileTrouble(file: string): string | null {
  const stat = statOrNull(file);
  if (stat === null) return `which does not exist (${file})`;
  if (!stat.isFile()) return `which is not a file (${file})`;
  try {
    accessSync(file, constants.R_OK);
    return null;
  } catch {
    return `which this process may not read (${file})`;
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
