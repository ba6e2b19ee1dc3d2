import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { IgnoredUsers } from '../account_data/ignored-users';
import { BundledAggregations } from '../relations/bundled-aggregations.service';
import { EventSerializer } from './event-serializer.service';
import { RoomAccess } from './room-access.service';
import { RoomStateAt } from './room-state-at.service';
import { TimelineScanner } from './timeline-scan.service';

const EXPORTED = [
  TimelineScanner,
  RoomStateAt,
  EventSerializer,
  RoomAccess,
  IgnoredUsers,
  BundledAggregations,
];

/** Reading a room's timeline as a user may see it: shared by /sync, /messages and /context. */
@Module({ imports: [RoomsModule], providers: EXPORTED, exports: [...EXPORTED, RoomsModule] })
export class TimelineModule {}
