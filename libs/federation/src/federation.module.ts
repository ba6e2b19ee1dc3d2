import { Module } from '@nestjs/common';
import { ServerKeysController } from './keys_server/server-keys.controller';
import { FederationVersionController } from './version/version.controller';
import { ServerWellKnownController } from './wellknown/server-wellknown.controller';

@Module({ controllers: [ServerWellKnownController, ServerKeysController, FederationVersionController] })
export class FederationModule {}
