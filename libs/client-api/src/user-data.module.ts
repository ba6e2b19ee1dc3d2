import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { AccountDataController } from './account_data/account-data.controller';
import { AccountDataService } from './account_data/account-data.service';
import { AccountDataStream } from './account_data/account-data.stream';
import { NewCoMembers } from './presence/new-co-members';
import { PresenceController } from './presence/presence.controller';
import { PresenceService } from './presence/presence.service';
import { PresenceStream } from './presence/presence.stream';
import { ProfileController } from './profile/profile.controller';
import { ProfilePropagationService } from './profile/profile-propagation.service';
import { ProfilesService } from './profile/profiles.service';
import { ReadMarkersController } from './read_markers/read-markers.controller';
import { ReadMarkersService } from './read_markers/read-markers.service';
import { ReceiptsController } from './receipts/receipts.controller';
import { ReceiptsService } from './receipts/receipts.service';
import { ReceiptsStream } from './receipts/receipts.stream';
import { JoinedRooms } from './sync/joined-rooms';
import { RemoteEdusHandler } from './remote_edus/remote-edus.handler';
import { TagsController } from './tags/tags.controller';
import { TagsService } from './tags/tags.service';
import { TypingController } from './typing/typing.controller';
import { TypingService } from './typing/typing.service';
import { TypingStream } from './typing/typing.stream';
import { UnreadCountsService } from './unread_notifications/unread-counts.service';
import { UnreadNotificationsStream } from './unread_notifications/unread-notifications.stream';

/**
 * The per-user and ephemeral parts of the client-server API: typing, receipts and read markers,
 * presence, profiles, account data and tags, and unread counts, with their /sync streams (found
 * by @SyncStreamProvider). ProfilesService is exported for whoever sends member events.
 */
@Module({
  imports: [RoomsModule],
  controllers: [
    TypingController,
    ReceiptsController,
    ReadMarkersController,
    PresenceController,
    ProfileController,
    AccountDataController,
    TagsController,
  ],
  providers: [
    TypingService,
    TypingStream,
    ReceiptsService,
    ReceiptsStream,
    ReadMarkersService,
    PresenceService,
    PresenceStream,
    NewCoMembers,
    ProfilesService,
    ProfilePropagationService,
    AccountDataService,
    AccountDataStream,
    TagsService,
    UnreadCountsService,
    UnreadNotificationsStream,
    JoinedRooms,
    RemoteEdusHandler,
  ],
  exports: [ProfilesService, AccountDataService, TagsService],
})
export class UserDataModule {}
