import { DynamicModule, Global, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { Registry } from 'prom-client';

export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger, metrics: Registry): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: METRICS, useValue: metrics },
      ],
      exports: [LOGGER, METRICS],
    };
  }
}
