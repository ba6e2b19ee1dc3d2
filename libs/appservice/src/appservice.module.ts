import { Global, Module } from '@nestjs/common';
import { CONFIG, loadAppserviceRegistrations, SwitchboardConfig } from '@switchboard/config';
import { OutboundHttp } from '@switchboard/http';
import { RoomsModule } from '@switchboard/rooms';
import { AppserviceEventFanout } from './delivery/appservice-event-fanout.service';
import { AppservicePinger } from './delivery/appservice-pinger';
import { AppserviceSender } from './delivery/appservice-sender.service';
import { AppserviceRegistry } from './registry/appservice-registry';
import { AppserviceReloadService } from './reload/appservice-reload.service';
import { AppserviceClient } from './transport/appservice-client';
import { AppserviceQueries } from './queries/appservice-queries';
import { ThirdPartyLookups } from './queries/third-party-lookups';
import { EPHEMERAL_PROVIDERS } from './ephemeral/ephemeral.providers';

/**
 * The application service API (application-service-api): the registrations, the way the server
 * calls application services, and what it sends them. Global, as the client-server API consults
 * the registry on every request an application service makes.
 */
@Global()
@Module({
  // The room server's EduExchange announces local typing (ephemeral/typing-relay.service.ts).
  imports: [RoomsModule],
  providers: [
    {
      provide: AppserviceRegistry,
      inject: [CONFIG],
      useFactory: (config: SwitchboardConfig) => {
        const registry = new AppserviceRegistry(config);
        registry.replace(loadAppserviceRegistrations(config.app_service_config_files, config.server_name));
        return registry;
      },
    },
    OutboundHttp,
    AppserviceClient,
    AppserviceQueries,
    ThirdPartyLookups,
    AppserviceReloadService,
    AppserviceSender,
    AppservicePinger,
    AppserviceEventFanout,
    ...EPHEMERAL_PROVIDERS,
  ],
  exports: [
    AppserviceRegistry,
    AppserviceClient,
    AppserviceQueries,
    ThirdPartyLookups,
    AppserviceReloadService,
    AppserviceSender,
    AppservicePinger,
  ],
})
export class AppserviceModule {}
