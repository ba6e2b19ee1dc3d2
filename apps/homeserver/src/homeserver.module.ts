import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { ConfigModule, SwitchboardConfig } from '@switchboard/config';
import { AppserviceModule } from '@switchboard/appservice';
import { ClientApiModule } from '@switchboard/client-api';
import { FederationModule } from '@switchboard/federation';
import { ObservabilityModule } from '@switchboard/observability';
import { QueueModule } from '@switchboard/queue';
import { RoomsModule } from '@switchboard/rooms';
import { StorageModule } from '@switchboard/storage';
import { BridgesModule } from './bridges/bridges.module';
import { HostedBridge } from './bridges/bridge-host.service';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { embeddedDatabaseDir, signingKeyPath } from './data-dir';

/** The modules every Switchboard process runs; the homeserver adds controllers, the worker none. */
export function coreModules(config: SwitchboardConfig, logger: Logger, metrics: Registry): DynamicModule[] {
  return [
    ConfigModule.forRoot(config),
    ObservabilityModule.forRoot(logger, metrics),
    StorageModule.forRoot({
      url: config.database.url,
      embeddedDir: embeddedDatabaseDir(config),
      signingKeyPath: signingKeyPath(config),
    }),
    QueueModule.forRoot({ redisUrl: config.redis.url, prefix: 'switchboard' }),
  ];
}

@Module({})
export class HomeserverModule {
  /** `extra`: modules tests add, e.g. fakes of remote servers behind the rooms' federation ports. */
  static forRoot(
    config: SwitchboardConfig,
    logger: Logger,
    metrics: Registry,
    extra: DynamicModule[] = [],
    bridges: HostedBridge[] = [],
  ): DynamicModule {
    return {
      module: HomeserverModule,
      imports: [
        ...extra,
        ...coreModules(config, logger, metrics),
        RoomsModule,
        AppserviceModule,
        ClientApiModule,
        FederationModule,
        BridgesModule.forRoot(bridges),
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
