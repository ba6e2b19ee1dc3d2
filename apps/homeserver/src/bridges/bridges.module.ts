import { DynamicModule, Module } from '@nestjs/common';
import { BridgeHost, HostedBridge, PREPARED_BRIDGES } from './bridge-host.service';

/** The built-in bridges of `bridges_dir`, validated and with their listeners open. */
@Module({})
export class BridgesModule {
  static forRoot(bridges: HostedBridge[]): DynamicModule {
    return {
      module: BridgesModule,
      providers: [{ provide: PREPARED_BRIDGES, useValue: bridges }, BridgeHost],
      exports: [BridgeHost],
    };
  }
}
