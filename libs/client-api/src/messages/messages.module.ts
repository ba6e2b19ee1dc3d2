import { Module } from '@nestjs/common';
import { TimelineModule } from '../timeline/timeline.module';
import { EventByTimestampController } from './event-by-timestamp.controller';
import { EventByTimestampService } from './event-by-timestamp.service';
import { EventContextController } from './event-context.controller';
import { EventContextService } from './event-context.service';
import { HistoryBackfill } from './history-backfill.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** Reading room history: /messages, /context and /timestamp_to_event. */
@Module({
  imports: [TimelineModule],
  controllers: [MessagesController, EventContextController, EventByTimestampController],
  providers: [MessagesService, EventContextService, EventByTimestampService, HistoryBackfill],
})
export class MessagesModule {}
