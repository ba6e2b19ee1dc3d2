import type { NetworkConnector } from '@switchboard/bridge-kit';
import { createDiscordConnector } from '@switchboard/bridge-discord';

/** The bridges built into Switchboard, by the name of their YAML file in `bridges_dir`. */
export const BRIDGE_CATALOG: Readonly<Record<string, () => NetworkConnector<unknown>>> = {
  discord: () => createDiscordConnector() as NetworkConnector<unknown>,
};
