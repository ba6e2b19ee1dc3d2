import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse } from 'yaml';
import {
  buildRegistration,
  openStandaloneDatabase,
  prepareBridge,
  registrationYaml,
} from '@switchboard/bridge-kit';
import { ConfigError } from '@switchboard/config';
import { createLogger } from '@switchboard/observability';
import { InProcessAdapter } from '@switchboard/queue';
import { BRIDGE_CATALOG } from '../bridges/bridge-catalog';
import { ConfiguredBridge, loadBridgeConfig } from '../bridges/load-bridge-configs';

/**
 * `switchboard bridge <name> --config discord.yaml --registration registration.yaml`: one bridge as
 * its own process, against any homeserver (Synapse included). Without the registration file it
 * writes one (fresh tokens) for the homeserver's admin and stops; with it, it runs.
 */
export function bridgeCommand(): Command {
  return new Command('bridge')
    .description('run a bridge as its own process against any homeserver, or write its registration file')
    .argument('<name>', `the bridge: ${Object.keys(BRIDGE_CATALOG).join(', ')}`)
    .requiredOption('-c, --config <path>', 'the bridge config (config/bridges/<name>.yaml)')
    .requiredOption('-r, --registration <path>', 'the registration file: written when missing, else read')
    .action(async (name: string, opts: { config: string; registration: string }) => {
      const make = BRIDGE_CATALOG[name];
      if (!make) {
        throw new ConfigError([
          {
            file: '(command line)',
            keyPath: 'name',
            expected: Object.keys(BRIDGE_CATALOG).join(', '),
            got: name,
          },
        ]);
      }
      const bridge = loadBridgeConfig(opts.config, make());
      const { server_name: serverName, homeserver_url: homeserverUrl } = standaloneKeys(bridge);
      if (!existsSync(opts.registration)) {
        writeRegistration(bridge, serverName, opts.registration);
        return;
      }
      await runStandalone(bridge, serverName, homeserverUrl, readTokens(opts.registration));
    });
}

function standaloneKeys(bridge: ConfiguredBridge): { server_name: string; homeserver_url: string } {
  const { server_name, homeserver_url } = bridge.config.appservice;
  const missing = [server_name === null && 'server_name', homeserver_url === null && 'homeserver_url'].filter(
    (k): k is string => typeof k === 'string',
  );
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map((key) => ({
        file: bridge.file,
        keyPath: `appservice.${key}`,
        expected:
          key === 'server_name'
            ? "the homeserver's server name (standalone)"
            : "the homeserver's URL (standalone)",
        got: 'null',
      })),
    );
  }
  return { server_name: server_name!, homeserver_url: homeserver_url! };
}

function writeRegistration(bridge: ConfiguredBridge, serverName: string, path: string): void {
  const { appservice, bridge: section } = bridge.config;
  const { info } = bridge.connector;
  if (appservice.url === null && appservice.listen_port === 0) {
    throw new ConfigError([
      {
        file: bridge.file,
        keyPath: 'appservice.listen_port',
        expected: 'a fixed port (or appservice.url) for a registration file',
        got: '0',
      },
    ]);
  }
  const registration = buildRegistration({
    id: info.id,
    url: appservice.url ?? `http://${appservice.listen_host}:${appservice.listen_port}`,
    serverName,
    botLocalpart: section.bot_localpart ?? info.defaultBotLocalpart,
    ghostTemplate: section.ghost_localpart_template ?? info.defaultGhostTemplate,
    doublePuppet: section.double_puppet.enabled,
  });
  writeFileSync(path, registrationYaml(registration), { mode: 0o600 });
  process.stdout.write(
    `wrote ${path}: give it to the homeserver (Synapse: app_service_config_files), then run this command again\n`,
  );
}

function readTokens(path: string): { asToken: string; hsToken: string } {
  const value = parse(readFileSync(path, 'utf8')) as { as_token?: unknown; hs_token?: unknown } | null;
  if (typeof value?.as_token !== 'string' || typeof value.hs_token !== 'string') {
    throw new ConfigError([
      { file: path, keyPath: '', expected: 'a registration with as_token and hs_token', got: 'neither' },
    ]);
  }
  return { asToken: value.as_token, hsToken: value.hs_token };
}

async function runStandalone(
  bridge: ConfiguredBridge,
  serverName: string,
  homeserverUrl: string,
  tokens: { asToken: string; hsToken: string },
): Promise<void> {
  const log = createLogger('info').child({ bridge: bridge.connector.info.id });
  const database = await openStandaloneDatabase({
    url: bridge.config.appservice.database_url,
    dataDir: bridge.config.appservice.data_dir ?? `./data/bridges/${bridge.connector.info.id}`,
  });
  const jobQueue = new InProcessAdapter(log);
  const prepared = await prepareBridge({
    connector: bridge.connector,
    config: bridge.config,
    serverName,
    log,
    tokens,
  });
  await jobQueue.start();
  const handle = await prepared.run({ homeserverUrl, dataSource: database.dataSource, jobQueue });
  log.info({ url: prepared.registration.url, homeserver: homeserverUrl }, 'bridge running');
  const stop = async () => {
    await handle.stop();
    await prepared.close();
    await jobQueue.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
