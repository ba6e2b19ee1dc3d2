import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { SwitchboardConfig } from '@switchboard/config';
import { coreModules } from '../../homeserver/src/homeserver.module';

/**
 * The homeserver's modules with no HTTP listener: in scale-out mode, workers take the queue jobs
 * (federation and appservice flushes, bridge sends) so homeservers only answer requests.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: SwitchboardConfig, logger: Logger, metrics: Registry): DynamicModule {
    return { module: WorkerModule, imports: coreModules(config, logger, metrics) };
  }
}
