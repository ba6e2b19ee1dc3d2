import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { EventStreamService } from './event-stream.service';
import { InitialSyncService } from './initial-sync.service';
import { OldSyncController } from './old-sync.controller';
import { TimelineModule } from '../timeline/timeline.module';
import { OneEventController } from './one-event.controller';

/** GET /events, GET /initialSync and GET /events/{eventId}, on top of the /sync streams. */
@Module({
  imports: [SyncModule, TimelineModule],
  controllers: [OldSyncController, OneEventController],
  providers: [EventStreamService, InitialSyncService],
})
export class OldSyncModule {}
