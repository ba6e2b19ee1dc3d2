import { forwardRef, Module } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { APP_GUARD } from '@nestjs/core';
import { FederationEnabledGuard } from './auth/federation-enabled.guard';
import { EventExchangeModule } from './event-exchange/event-exchange.module';
import { FederationMembershipModule } from './membership/membership.module';
import { XMatrixGuard } from './auth/x-matrix.guard';
import { OwnKeysService } from './keys/own-keys.service';
import { REMOTE_KEYS_OPTIONS, RemoteKeysOptions } from './keys/remote-keys.options';
import { RemoteKeysService } from './keys/remote-keys.service';
import { ServerKeyFetcher } from './keys/server-key-fetcher';
import { KeyQueryController } from './keys_query/key-query.controller';
import { KeyQueryService } from './keys_query/key-query.service';
import { ServerKeysController } from './keys_server/server-keys.controller';
import { FEDERATION_DNS, systemDns } from './transport/dns.port';
import { FederationClient } from './transport/federation-client';
import { HttpsTransport } from './transport/https-transport';
import { ServerResolver } from './transport/server-resolver';
import { HttpsWellKnownFetcher, WELL_KNOWN_FETCHER } from './transport/well-known.fetcher';
import { FederationVersionController } from './version/version.controller';
import { ServerWellKnownController } from './wellknown/server-wellknown.controller';
import { FederationUserKeysModule } from './user_keys/user-keys.module';
import { FederationMediaModule } from './media/media.module';
import { FederationHierarchyModule } from './hierarchy/hierarchy.module';
import { FederationOpenIdModule } from './openid/openid.module';
import { FederationBackfillModule } from './backfill/backfill.module';

/** No notaries until the config names some: keys then come only from their own servers. */
@Module({
  imports: [
    forwardRef(() => FederationUserKeysModule),
    forwardRef(() => EventExchangeModule),
    forwardRef(() => FederationMembershipModule),
    forwardRef(() => FederationHierarchyModule),
    FederationOpenIdModule,
    forwardRef(() => FederationMediaModule),
    forwardRef(() => FederationBackfillModule),
  ],
  controllers: [
    ServerWellKnownController,
    ServerKeysController,
    KeyQueryController,
    FederationVersionController,
  ],
  providers: [
    // Global guards run in this order: a disabled federation answers 404 before any signature check.
    { provide: APP_GUARD, useClass: FederationEnabledGuard },
    { provide: APP_GUARD, useClass: XMatrixGuard },
    { provide: FEDERATION_DNS, useValue: systemDns },
    { provide: WELL_KNOWN_FETCHER, useClass: HttpsWellKnownFetcher },
    {
      provide: REMOTE_KEYS_OPTIONS,
      inject: [CONFIG],
      useFactory: (config: SwitchboardConfig): RemoteKeysOptions => ({
        trustedKeyServers: config.federation.trusted_key_servers.map((s) => ({
          serverName: s.server_name,
          verifyKeys: s.verify_keys,
        })),
      }),
    },
    HttpsTransport,
    ServerResolver,
    FederationClient,
    OwnKeysService,
    ServerKeyFetcher,
    RemoteKeysService,
    KeyQueryService,
  ],
  exports: [FederationClient, RemoteKeysService, HttpsTransport],
})
export class FederationModule {}
