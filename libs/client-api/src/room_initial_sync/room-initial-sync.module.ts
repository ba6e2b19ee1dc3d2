import { Module } from '@nestjs/common';
import { TimelineModule } from '../timeline/timeline.module';
import { RoomInitialSyncController } from './room-initial-sync.controller';
import { RoomInitialSyncService } from './room-initial-sync.service';

/** GET /rooms/{roomId}/initialSync, on the shared timeline readers. */
@Module({
  imports: [TimelineModule],
  controllers: [RoomInitialSyncController],
  providers: [RoomInitialSyncService],
})
export class RoomInitialSyncModule {}
