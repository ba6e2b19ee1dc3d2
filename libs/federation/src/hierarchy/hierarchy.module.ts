import { forwardRef, Global, Module } from '@nestjs/common';
import { REMOTE_HIERARCHY, RoomsModule } from '@switchboard/rooms';
import { FederationModule } from '../federation.module';
import { FederationHierarchyController } from './hierarchy.controller';
import { LocalHierarchy } from './local-hierarchy.service';
import { RemoteHierarchyClient } from './remote-hierarchy.client';

/**
 * server-server-api "Spaces": GET /hierarchy as the space's server, and as the requesting server
 * behind the room server's REMOTE_HIERARCHY port. Global, so that client-api finds the port
 * without importing federation.
 */
@Global()
@Module({
  imports: [forwardRef(() => FederationModule), RoomsModule],
  controllers: [FederationHierarchyController],
  providers: [
    LocalHierarchy,
    RemoteHierarchyClient,
    { provide: REMOTE_HIERARCHY, useExisting: RemoteHierarchyClient },
  ],
  exports: [REMOTE_HIERARCHY],
})
export class FederationHierarchyModule {}
