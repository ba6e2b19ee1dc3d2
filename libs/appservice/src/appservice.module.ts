import { Global, Module } from '@nestjs/common';
import { CONFIG, loadAppserviceRegistrations, SwitchboardConfig } from '@switchboard/config';
import { OutboundHttp } from '@switchboard/http';
import { AppserviceRegistry } from './registry/appservice-registry';
import { AppserviceClient } from './transport/appservice-client';

/**
 * The application service API (application-service-api): the registrations, the way the server
 * calls application services, and what it sends them. Global, as the client-server API consults
 * the registry on every request an application service makes.
 */
@Global()
@Module({
  providers: [
    {
      provide: AppserviceRegistry,
      inject: [CONFIG],
      useFactory: (config: SwitchboardConfig) => {
        const registry = new AppserviceRegistry(config);
        registry.replace(loadAppserviceRegistrations(config.app_service_config_files));
        return registry;
      },
    },
    OutboundHttp,
    AppserviceClient,
  ],
  exports: [AppserviceRegistry, AppserviceClient],
})
export class AppserviceModule {}
