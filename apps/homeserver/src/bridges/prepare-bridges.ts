import type { Logger } from 'pino';
import { prepareBridge } from '@switchboard/bridge-kit';
import { SwitchboardConfig } from '@switchboard/config';
import { HostedBridge } from './bridge-host.service';
import { loadBridgeConfigs } from './load-bridge-configs';

/** Validates the bridges of `bridges_dir` and opens the listeners of the enabled ones. */
export async function prepareBridges(config: SwitchboardConfig, logger: Logger): Promise<HostedBridge[]> {
  const hosted: HostedBridge[] = [];
  try {
    for (const { file, connector, config: bridgeConfig } of loadBridgeConfigs(config.bridges_dir)) {
      const prepared = await prepareBridge({
        connector,
        config: bridgeConfig,
        serverName: config.server_name,
        log: logger.child({ bridge: connector.info.id }),
      });
      hosted.push({ file, prepared });
    }
  } catch (err) {
    await Promise.all(hosted.map((h) => h.prepared.close()));
    throw err;
  }
  return hosted;
}
