import { forwardRef, Global, Module } from '@nestjs/common';
import { REMOTE_ROOMS, RoomsModule } from '@switchboard/rooms';
import { FederationModule } from '../federation.module';
import { LocalQueries } from '../query/local-queries.service';
import { QueryController } from '../query/query.controller';
import { RemoteQueries } from '../query/remote-queries.service';
import { EventSignatures } from './event-signatures';
import { FederatedRooms } from './federated-rooms.service';
import { InviteController } from './invite.controller';
import { InviteReceiver } from './invite-receiver.service';
import { KnockController } from './knock.controller';
import { MembershipBroadcast } from './membership-broadcast';
import { MembershipController } from './membership.controller';
import { ThirdPartyInviteController } from '../third-party-invite/third-party-invite.controller';
import { ThirdPartyInvites } from '../third-party-invite/third-party-invites.service';
import { InviteKeyValidity } from '../third-party-invite/key-validity';

/**
 * The membership half of the server-server API: joins, leaves and invites as resident, joining
 * and invited server, and the directory, profile and public room queries. Global, so that
 * client-api finds REMOTE_ROOMS without importing federation.
 */
@Global()
@Module({
  imports: [forwardRef(() => FederationModule), RoomsModule],
  controllers: [
    MembershipController,
    InviteController,
    KnockController,
    QueryController,
    ThirdPartyInviteController,
  ],
  providers: [
    EventSignatures,
    InviteReceiver,
    FederatedRooms,
    MembershipBroadcast,
    RemoteQueries,
    LocalQueries,
    ThirdPartyInvites,
    InviteKeyValidity,
    { provide: REMOTE_ROOMS, useExisting: FederatedRooms },
  ],
  exports: [REMOTE_ROOMS],
})
export class FederationMembershipModule {}
