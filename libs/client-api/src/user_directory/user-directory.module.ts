import { Module } from '@nestjs/common';
import { UserDirectoryController } from './user-directory.controller';
import { UserDirectoryService } from './user-directory.service';

/** POST /user_directory/search. */
@Module({ controllers: [UserDirectoryController], providers: [UserDirectoryService] })
export class UserDirectoryModule {}
