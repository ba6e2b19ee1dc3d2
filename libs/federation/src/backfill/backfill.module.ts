import { forwardRef, Global, Module } from '@nestjs/common';
import { REMOTE_HISTORY, RoomsModule } from '@switchboard/rooms';
import { FederationModule } from '../federation.module';
import { RemoteBackfillClient } from './remote-backfill.client';

/**
 * Reading older history from other servers (GET /backfill as the requesting server) behind the
 * room server's REMOTE_HISTORY port. Global, so that client-api finds the port without importing
 * federation.
 */
@Global()
@Module({
  imports: [forwardRef(() => FederationModule), RoomsModule],
  providers: [RemoteBackfillClient, { provide: REMOTE_HISTORY, useExisting: RemoteBackfillClient }],
  exports: [REMOTE_HISTORY],
})
export class FederationBackfillModule {}
