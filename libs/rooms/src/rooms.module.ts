import { Module } from '@nestjs/common';
import { RemoteEventPersister } from './input/09-persist';
import { RoomInput } from './input/room-input.service';
import { RoomLocks } from './locks/room-locks';
import { CreateRoomPerform } from './perform/create-room.perform';
import { CurrentStateWriter } from './perform/current-state-writer';
import { EventWriter } from './perform/event-writer';
import { SendBatchBuilder } from './perform/send-batch.builder';
import { SendPerform } from './perform/send.perform';
import { EventBatchWriter } from './persist/event-batch.writer';
import { ClientEvents } from './query/client-events';
import { EventCache } from './query/event-cache';
import { RoomEventsQuery } from './query/room-events.query';
import { RoomStateQuery } from './query/room-state.query';
import { UserCan } from './visibility/user-can.service';
import { AuthChains } from './remote-join/auth-chains';
import { MembershipAccept } from './remote-join/membership-accept.service';
import { MembershipTemplates } from './remote-join/membership-template.service';
import { OutOfRoomMembershipStore } from './remote-join/out-of-room-membership.store';
import { RemoteInvitePerform } from './remote-join/remote-invite.perform';
import { RemoteJoinWriter } from './remote-join/remote-join.writer';
import { EduExchange } from './api/edu-exchange';

const EXPORTED = [
  SendPerform,
  CreateRoomPerform,
  RoomStateQuery,
  EventCache,
  ClientEvents,
  UserCan,
  EduExchange,
  RoomEventsQuery,
  RoomInput,
  MembershipTemplates,
  MembershipAccept,
  RemoteJoinWriter,
  RemoteInvitePerform,
  OutOfRoomMembershipStore,
  AuthChains,
];

/** The room server: every event enters and every room read goes through here. */
@Module({
  providers: [
    RoomLocks,
    EventWriter,
    EventBatchWriter,
    SendBatchBuilder,
    CurrentStateWriter,
    RemoteEventPersister,
    ...EXPORTED,
  ],
  exports: EXPORTED,
})
export class RoomsModule {}
