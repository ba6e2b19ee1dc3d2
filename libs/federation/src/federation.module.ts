import { Module } from '@nestjs/common';
import { ServerWellKnownController } from './wellknown/server-wellknown.controller';

@Module({ controllers: [ServerWellKnownController] })
export class FederationModule {}
