import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { bridgeConfigSchema, BridgeConfig, NetworkConnector } from '@switchboard/bridge-kit';
import { ConfigError, ConfigProblem, loadYamlFile } from '@switchboard/config';
import { BRIDGE_CATALOG } from './bridge-catalog';

export interface ConfiguredBridge {
  file: string;
  connector: NetworkConnector<unknown>;
  config: BridgeConfig<unknown>;
}

/**
 * The enabled bridges of `bridges_dir`: every *.yaml there is validated (a wrong one stops the start,
 * as a wrong homeserver.yaml does), and the file's name says which bridge it configures.
 */
export function loadBridgeConfigs(dir: string | null): ConfiguredBridge[] {
  if (dir === null) return [];
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => ['.yaml', '.yml'].includes(extname(n)))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const problems: ConfigProblem[] = [];
  const bridges: ConfiguredBridge[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const make = BRIDGE_CATALOG[basename(name, extname(name))];
    if (!make) {
      const known = Object.keys(BRIDGE_CATALOG).map((k) => `${k}.yaml`);
      problems.push({ file, keyPath: '', expected: `a bridge config named ${known.join(', ')}`, got: name });
      continue;
    }
    try {
      const bridge = loadBridgeConfig(file, make());
      if (bridge.config.enabled) bridges.push(bridge);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return bridges;
}

/** One bridge's YAML, validated against the kit's sections and the connector's `network:` schema. */
export function loadBridgeConfig(file: string, connector: NetworkConnector<unknown>): ConfiguredBridge {
  const config = loadYamlFile(file, bridgeConfigSchema(connector.configSchema)) as BridgeConfig<unknown>;
  return { file, connector, config };
}
