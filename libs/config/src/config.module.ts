import { DynamicModule, Global, Module } from '@nestjs/common';
import { SwitchboardConfig } from './config.schema';

/** Injects the validated SwitchboardConfig: `@Inject(CONFIG) config: SwitchboardConfig`. */
export const CONFIG = Symbol('CONFIG');

/**
 * Global, so every module reads the one config loaded at start without importing this module.
 * apps/ loads it (loadConfig) before Nest starts, so a bad config never half-starts the server.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: SwitchboardConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
