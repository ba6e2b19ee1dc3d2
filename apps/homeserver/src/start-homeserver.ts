import { mkdir } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'pino';
import { SwitchboardConfig } from '@switchboard/config';
import {
  frameworkErrors,
  installHttpPipeline,
  MatrixExceptionFilter,
  requestId,
  rewriteEmptyStateKey,
  rewriteR0Prefix,
  RouteTable,
} from '@switchboard/http';
import { createMetricsRegistry, NestPinoLogger } from '@switchboard/observability';
import { BridgeHost } from './bridges/bridge-host.service';
import { prepareBridges } from './bridges/prepare-bridges';
import { HomeserverModule } from './homeserver.module';
import { Listeners } from './listeners';

export interface RunningHomeserver {
  readonly app: NestFastifyApplication;
  readonly addresses: AddressInfo[];
  readonly routes: RouteTable;
  /** Graceful: stop accepting, finish requests, close pools; forced after `deadlineMs`. */
  close(deadlineMs?: number): Promise<void>;
}

export async function startHomeserver(
  config: SwitchboardConfig,
  logger: Logger,
  extraModules: DynamicModule[] = [],
): Promise<RunningHomeserver> {
  await mkdir(config.data_dir, { recursive: true });
  // Before anything listens: a wrong bridge YAML stops the start like a wrong homeserver.yaml.
  const bridges = await prepareBridges(config, logger);

  const metrics = createMetricsRegistry();
  const listeners = new Listeners(
    config.listeners.map((l) => ({
      port: l.port,
      bindAddresses: l.bind_addresses,
      tls: l.tls,
      resources: l.resources,
    })),
  );
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    genReqId: requestId,
    bodyLimit: config.limits.max_request_body_bytes,
    serverFactory: listeners.serverFactory,
    return503OnClosing: true,
    routerOptions: {
      // Matrix IDs may be 255 bytes, so a percent-encoded path segment can be three times that.
      maxParamLength: 2048,
      // Nest registers routes without their trailing slash; the spec writes some with one
      // (GET /pushrules/), and clients send both forms.
      ignoreTrailingSlash: true,
    },
    frameworkErrors,
    rewriteUrl: (req: { url?: string }) => rewriteEmptyStateKey({ url: rewriteR0Prefix(req) }),
  });
  const routes = installHttpPipeline(adapter.getInstance(), metrics);
  const app = await NestFactory.create<NestFastifyApplication>(
    HomeserverModule.forRoot(config, logger, metrics, extraModules, bridges),
    adapter,
    { logger: new NestPinoLogger(logger), abortOnError: false, bodyParser: false },
  );
  app.useGlobalFilters(new MatrixExceptionFilter(logger, routes));
  await app.init();
  await adapter.getInstance().ready();
  const addresses = await listeners.listen();
  logger.info({ addresses, server_name: config.server_name }, 'listening');
  const clientUrl = listeners.localClientUrl();
  if (bridges.length > 0 && clientUrl === null) {
    logger.error('bridges are configured but no listener serves the client API; they stay off');
  } else if (clientUrl !== null) {
    app.get(BridgeHost).start(clientUrl);
  }

  return {
    app,
    addresses,
    routes,
    async close(deadlineMs = 4500) {
      const force = setTimeout(() => listeners.destroy(), deadlineMs);
      try {
        // The bridges first, while the homeserver still answers the calls they make on the way out.
        await app.get(BridgeHost).onApplicationShutdown();
        await listeners.close();
        await app.close();
      } finally {
        clearTimeout(force);
      }
    },
  };
}
