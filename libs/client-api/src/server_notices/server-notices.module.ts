import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { UserDataModule } from '../user-data.module';
import { ServerNoticeMembership } from './server-notice-membership.service';
import { ServerNoticeRooms } from './server-notice-rooms.service';
import { ServerNoticesUser } from './server-notices-user.service';
import { ServerNoticesService } from './server-notices.service';

/**
 * client-server-api "Server Notices". ServerNoticesService is how the server (the admin API)
 * sends a notice; ServerNoticeMembership is what joining and leaving consult.
 */
@Module({
  imports: [RoomsModule, UserDataModule],
  providers: [ServerNoticesUser, ServerNoticeRooms, ServerNoticeMembership, ServerNoticesService],
  exports: [ServerNoticesService, ServerNoticeMembership],
})
export class ServerNoticesModule {}
