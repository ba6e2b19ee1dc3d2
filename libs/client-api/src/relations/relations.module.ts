import { Module } from '@nestjs/common';
import { ThreadsController } from '../threads/threads.controller';
import { ThreadsService } from '../threads/threads.service';
import { TimelineModule } from '../timeline/timeline.module';
import { RelationsController } from './relations.controller';
import { RelationsService } from './relations.service';
import { VisibleEvents } from './visible-events.service';

/**
 * Relationships between events: /relations and /threads. The bundled aggregations every event
 * endpoint adds come from BundledAggregations, which TimelineModule provides to them all.
 */
@Module({
  imports: [TimelineModule],
  controllers: [RelationsController, ThreadsController],
  providers: [RelationsService, ThreadsService, VisibleEvents],
  exports: [VisibleEvents],
})
export class RelationsModule {}
