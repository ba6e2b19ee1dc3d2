import { forwardRef, Global, Module } from '@nestjs/common';
import { DEVICE_LIST_OUTBOUND, REMOTE_KEYS } from '@switchboard/rooms';
import { EventExchangeModule } from '../event-exchange/event-exchange.module';
import { FederationModule } from '../federation.module';
import { DeviceListEdus } from './device-list-edus.service';
import { LocalUserKeys } from './local-user-keys.service';
import { RemoteUserKeys } from './remote-user-keys.service';
import { RemoteDeviceLists } from './remote-device-lists.service';
import { UserKeysController } from './user-keys.controller';

/**
 * server-server-api "End-to-End Encryption" and "Device Management": keys and device lists served
 * to other servers, asked of them, and their device-list EDUs both ways. Global, so that client-api
 * finds REMOTE_KEYS and DEVICE_LIST_OUTBOUND without importing federation.
 */
@Global()
@Module({
  imports: [forwardRef(() => FederationModule), forwardRef(() => EventExchangeModule)],
  controllers: [UserKeysController],
  providers: [
    LocalUserKeys,
    RemoteUserKeys,
    DeviceListEdus,
    RemoteDeviceLists,
    { provide: REMOTE_KEYS, useExisting: RemoteUserKeys },
    { provide: DEVICE_LIST_OUTBOUND, useExisting: DeviceListEdus },
  ],
  exports: [REMOTE_KEYS, DEVICE_LIST_OUTBOUND, DeviceListEdus],
})
export class FederationUserKeysModule {}
