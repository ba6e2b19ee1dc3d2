import type { Logger } from 'pino';
import { BridgeConfig } from '../config/bridge-config.schema';
import { BridgeStore } from '../db/bridge-store.port';
import { HomeserverClient } from '../matrix/homeserver-client.port';
import { NetworkConnector } from '../network.interface';
import { BridgeQueue } from '../queue/bridge-queue.port';

/** Everything the runtime's parts share; built once by createBridge. */
export interface BridgeContext<N = unknown> {
  readonly id: string;
  readonly connector: NetworkConnector<N>;
  readonly config: BridgeConfig<N>;
  readonly serverName: string;
  readonly homeserver: HomeserverClient;
  readonly store: BridgeStore;
  readonly queue: BridgeQueue;
  readonly log: Logger;
  readonly botMxid: string;
}
