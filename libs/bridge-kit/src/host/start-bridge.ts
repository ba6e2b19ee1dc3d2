import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { JobQueue } from '@switchboard/queue';
import { BridgeConfig } from '../config/bridge-config.schema';
import { openBridgeStore } from '../db/bridge-store';
import { AppserviceHandler } from '../matrix/appservice-server.port';
import { createAppserviceServer } from '../matrix/appservice-server';
import { createHomeserverClient } from '../matrix/homeserver-client';
import { buildRegistration, Registration } from '../matrix/registration';
import { NetworkConnector } from '../network.interface';
import { createBridgeQueue } from '../queue/bridge-queue';
import { BridgeStatus, createBridge } from '../runtime/bridge-runtime';

export interface PrepareBridgeOptions<N> {
  connector: NetworkConnector<N>;
  config: BridgeConfig<N>;
  serverName: string;
  log: Logger;
  /** The tokens of an existing registration (standalone); fresh ones otherwise. */
  tokens?: { asToken: string; hsToken: string };
}

export interface RunBridgeOptions {
  /** The homeserver's client-server API, as the bridge reaches it. */
  homeserverUrl: string;
  /** Where remote services can fetch media from (avatars for Discord webhooks), if anywhere. */
  publicBaseUrl?: string;
  dataSource: DataSource;
  jobQueue: JobQueue;
}

/** A bridge whose listener is up and whose registration is known, not yet running. */
export interface PreparedBridge {
  readonly id: string;
  readonly registration: Registration;
  /** Opens the bridge's tables and queues and starts it; may be called again after a failure. */
  run(options: RunBridgeOptions): Promise<BridgeHandle>;
  close(): Promise<void>;
}

export interface BridgeHandle {
  readonly id: string;
  status(): BridgeStatus;
  stop(): Promise<void>;
}

/**
 * Opens the bridge's application-service listener first, so its registration (with a real URL) can
 * be given to the homeserver before any event the bridge should see is written: until run() has
 * started the bridge, transactions are answered 503 and the homeserver keeps them and retries.
 */
export async function prepareBridge<N>(options: PrepareBridgeOptions<N>): Promise<PreparedBridge> {
  const { connector, config, log, serverName } = options;
  const id = connector.info.id;
  const botLocalpart = config.bridge.bot_localpart ?? connector.info.defaultBotLocalpart;
  let handler: AppserviceHandler | null = null;
  const late: AppserviceHandler = {
    onTransaction: (txnId, events, ephemeral) => started().onTransaction(txnId, events, ephemeral),
    onUserQuery: (userId) => started().onUserQuery(userId),
    onAliasQuery: (alias) => started().onAliasQuery(alias),
  };
  const started = (): AppserviceHandler => {
    if (handler === null) throw new BridgeNotReady();
    return handler;
  };
  const draft = buildRegistration({
    id,
    url: null,
    serverName,
    botLocalpart,
    ghostTemplate: config.bridge.ghost_localpart_template ?? connector.info.defaultGhostTemplate,
    doublePuppet: config.bridge.double_puppet.enabled,
    asToken: options.tokens?.asToken,
    hsToken: options.tokens?.hsToken,
  });
  const server = createAppserviceServer({ hsToken: draft.hs_token, handler: late, log });
  const { listen_host: host, listen_port: wantedPort, url } = config.appservice;
  const port = await server.listen(host, wantedPort);
  const registration: Registration = { ...draft, url: url ?? `http://${urlHost(host)}:${port}` };

  return {
    id,
    registration,
    async run(run: RunBridgeOptions): Promise<BridgeHandle> {
      const store = await openBridgeStore(run.dataSource, id);
      const queue = createBridgeQueue({
        dataSource: run.dataSource,
        jobQueue: run.jobQueue,
        bridgeId: id,
        maxAttempts: config.bridge.queue.max_attempts,
        log,
      });
      const homeserver = createHomeserverClient({
        baseUrl: run.homeserverUrl,
        asToken: registration.as_token,
        appserviceId: id,
        botMxid: `@${botLocalpart}:${serverName}`,
        log,
        publicBaseUrl: run.publicBaseUrl,
      });
      const bridge = createBridge({ connector, config, serverName, homeserver, store, queue, log });
      handler = bridge.handler;
      try {
        await bridge.start();
      } catch (err) {
        handler = null;
        await bridge.stop().catch(() => undefined);
        throw err;
      }
      return {
        id,
        status: () => bridge.status(),
        async stop() {
          handler = null;
          await bridge.stop();
        },
      };
    },
    close: () => server.close(),
  };
}

/** Thrown to the listener before the bridge runs; it answers 503 so the homeserver retries later. */
export class BridgeNotReady extends Error {
  readonly status = 503;
  constructor() {
    super('the bridge is starting');
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
