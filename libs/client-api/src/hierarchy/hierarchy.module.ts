import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { RoomAliasesService } from '../directory/room-aliases.service';
import { RoomSummaryController } from '../room_summary/room-summary.controller';
import { RoomSummaryService } from '../room_summary/room-summary.service';
import { HierarchyController } from './hierarchy.controller';
import { RoomPreviews } from './room-previews.service';
import { SpaceHierarchyService } from './space-hierarchy.service';

/** Spaces and room previews: GET /hierarchy and GET /room_summary, local rooms and remote ones. */
@Module({
  imports: [RoomsModule],
  controllers: [HierarchyController, RoomSummaryController],
  providers: [RoomPreviews, SpaceHierarchyService, RoomSummaryService, RoomAliasesService],
})
export class HierarchyModule {}
