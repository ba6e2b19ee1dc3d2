import { Module } from '@nestjs/common';
import { SupportController } from './support.controller';
import { UnofferedDiscoveryController } from './unoffered-discovery.controller';

/** Well-known and metadata discovery beyond /.well-known/matrix/client. */
@Module({ controllers: [SupportController, UnofferedDiscoveryController] })
export class DiscoveryModule {}
