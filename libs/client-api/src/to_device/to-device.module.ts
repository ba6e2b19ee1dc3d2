import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { ToDeviceController } from './to-device.controller';
import { ToDeviceService } from './to-device.service';
import { ToDeviceStream } from './to-device.stream';

/** Send-to-device messaging and its /sync stream (found by @SyncStreamProvider). */
@Module({
  imports: [RoomsModule],
  controllers: [ToDeviceController],
  providers: [ToDeviceService, ToDeviceStream],
})
export class ToDeviceModule {}
