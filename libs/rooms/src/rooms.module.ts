import { Module } from '@nestjs/common';
import { RemoteEventPersister } from './input/09-persist';
import { RoomInput } from './input/room-input.service';
import { RoomLocks } from './locks/room-locks';
import { CreateRoomPerform } from './perform/create-room.perform';
import { CurrentStateWriter } from './perform/current-state-writer';
import { EventWriter } from './perform/event-writer';
import { SendPerform } from './perform/send.perform';
import { ClientEvents } from './query/client-events';
import { EventCache } from './query/event-cache';
import { RoomEventsQuery } from './query/room-events.query';
import { RoomStateQuery } from './query/room-state.query';
import { UserCan } from './visibility/user-can.service';

const EXPORTED = [
  SendPerform,
  CreateRoomPerform,
  RoomStateQuery,
  EventCache,
  ClientEvents,
  UserCan,
  RoomEventsQuery,
  RoomInput,
];

/** The room server: every event enters and every room read goes through here. */
@Module({
  providers: [RoomLocks, EventWriter, CurrentStateWriter, RemoteEventPersister, ...EXPORTED],
  exports: EXPORTED,
})
export class RoomsModule {}
