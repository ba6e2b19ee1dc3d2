import { Module } from '@nestjs/common';
import { MutualRoomsController } from './mutual-rooms.controller';
import { MutualRoomsService } from './mutual-rooms.service';

/** client-server-api "Mutual Rooms". */
@Module({ controllers: [MutualRoomsController], providers: [MutualRoomsService] })
export class MutualRoomsModule {}
