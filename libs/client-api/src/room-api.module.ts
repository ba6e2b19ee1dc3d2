import { Module } from '@nestjs/common';
import { LOCAL_PUBLIC_ROOMS, RoomsModule } from '@switchboard/rooms';
import { BanningController } from './banning/banning.controller';
import { CreateRoomController } from './create_room/create-room.controller';
import { CreateRoomService } from './create_room/create-room.service';
import { DirectoryController } from './directory/directory.controller';
import { RoomAliasesService } from './directory/room-aliases.service';
import { InvitingController } from './inviting/inviting.controller';
import { ThirdPartyInviteService } from './inviting/third-party-invite.service';
import { OutboundHttp } from '@switchboard/http';
import { IdentityServerClient } from './threepid/identity-server-client';
import { GuestRevocationService } from './guest_access/guest-revocation.service';
import { JoiningController } from './joining/joining.controller';
import { KickingController } from './kicking/kicking.controller';
import { KnockingController } from './knocking/knocking.controller';
import { LeavingController } from './leaving/leaving.controller';
import { JoinedRoomsController } from './list_joined_rooms/joined-rooms.controller';
import { JoinedRoomsService } from './list_joined_rooms/joined-rooms.service';
import { PublicRoomsController } from './list_public_rooms/public-rooms.controller';
import { PublicRoomsService } from './list_public_rooms/public-rooms.service';
import { LocalUsers } from './membership/local-users.service';
import { MembershipService } from './membership/membership.service';
import { RemoteMembership } from './membership/remote-membership.service';
import { RedactionController } from './redaction/redaction.controller';
import { RedactionService } from './redaction/redaction.service';
import { RoomSendController } from './room_send/room-send.controller';
import { RoomSendService } from './room_send/room-send.service';
import { RoomStateController } from './room_state/room-state.controller';
import { RoomStateService } from './room_state/room-state.service';
import { RoomUpgradeController } from './room_upgrades/room-upgrade.controller';
import { RoomUpgradeService } from './room_upgrades/room-upgrade.service';
import { UpgradedRoomUserState } from './room_upgrades/upgraded-room-user-state.service';
import { RoomReadsService } from './rooms/room-reads.service';
import { RoomsController } from './rooms/rooms.controller';
import { TimelineModule } from './timeline/timeline.module';
import { UserDataModule } from './user-data.module';
import { ServerNoticesModule } from './server_notices/server-notices.module';

/**
 * The room endpoints of the client-server API: creation, membership, sending, state and event
 * reads, aliases and the published directory, upgrades. Everything goes through the room server.
 */
@Module({
  imports: [RoomsModule, TimelineModule, UserDataModule, ServerNoticesModule],
  controllers: [
    CreateRoomController,
    JoiningController,
    InvitingController,
    LeavingController,
    KickingController,
    BanningController,
    KnockingController,
    RoomSendController,
    RoomStateController,
    RedactionController,
    RoomsController,
    JoinedRoomsController,
    DirectoryController,
    PublicRoomsController,
    RoomUpgradeController,
  ],
  providers: [
    LocalUsers,
    MembershipService,
    RemoteMembership,
    ThirdPartyInviteService,
    IdentityServerClient,
    OutboundHttp,
    // Read by the federation's publicRooms, which cannot import client-api.
    { provide: LOCAL_PUBLIC_ROOMS, useExisting: PublicRoomsService },
    CreateRoomService,
    RoomAliasesService,
    RoomSendService,
    RoomStateService,
    RedactionService,
    RoomReadsService,
    JoinedRoomsService,
    PublicRoomsService,
    RoomUpgradeService,
    UpgradedRoomUserState,
    GuestRevocationService,
  ],
})
export class RoomApiModule {}
