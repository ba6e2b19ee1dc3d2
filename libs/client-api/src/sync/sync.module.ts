import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FilterController } from '../filter/filter.controller';
import { FiltersService } from '../filter/filters.service';
import { TimelineModule } from '../timeline/timeline.module';
import { JoinedRoomBuilder } from './streams/joined-room.builder';
import { LazyMembersSent } from './streams/lazy-members-sent';
import { LeftRoomBuilder } from './streams/left-room.builder';
import { RoomSummaryBuilder } from './streams/room-summary.builder';
import { RoomTimelineBuilder } from './streams/room-timeline.builder';
import { RoomsStream } from './streams/rooms.stream';
import { StrippedStateBuilder } from './streams/stripped-state.builder';
import { SyncStreamRegistry } from './sync-stream.registry';
import { SyncController } from './sync.controller';
import { SyncService } from './sync.service';

/**
 * /sync and filters. Streams are found by their `@SyncStreamProvider()` decorator in any module
 * of the application, so a stream of another module needs no line here.
 */
@Module({
  imports: [DiscoveryModule, TimelineModule],
  controllers: [SyncController, FilterController],
  providers: [
    SyncStreamRegistry,
    SyncService,
    FiltersService,
    RoomsStream,
    RoomTimelineBuilder,
    JoinedRoomBuilder,
    LeftRoomBuilder,
    RoomSummaryBuilder,
    StrippedStateBuilder,
    LazyMembersSent,
  ],
  exports: [FiltersService, SyncService],
})
export class SyncModule {}
