import { Module } from '@nestjs/common';
import { AccountModerationController } from './account-moderation.controller';
import { AccountModerationService } from './account-moderation.service';

/** client-server-api "Account moderation": admins lock and suspend local accounts. */
@Module({
  controllers: [AccountModerationController],
  providers: [AccountModerationService],
  exports: [AccountModerationService],
})
export class AdminLockModule {}
