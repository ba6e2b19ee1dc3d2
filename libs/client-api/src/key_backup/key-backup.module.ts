import { Module } from '@nestjs/common';
import { KeyBackupVersionsController } from './key-backup-versions.controller';
import { KeyBackupVersionsService } from './key-backup-versions.service';
import { RoomKeysController } from './room-keys.controller';
import { RoomKeysService } from './room-keys.service';

/** Server-side key backups: backup versions and their keys. */
@Module({
  controllers: [KeyBackupVersionsController, RoomKeysController],
  providers: [KeyBackupVersionsService, RoomKeysService],
})
export class KeyBackupModule {}
