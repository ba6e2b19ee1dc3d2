import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { EventStreamService } from './event-stream.service';
import { InitialSyncService } from './initial-sync.service';
import { OldSyncController } from './old-sync.controller';

/** GET /events and GET /initialSync, on top of the /sync streams. */
@Module({
  imports: [SyncModule],
  controllers: [OldSyncController],
  providers: [EventStreamService, InitialSyncService],
})
export class OldSyncModule {}
