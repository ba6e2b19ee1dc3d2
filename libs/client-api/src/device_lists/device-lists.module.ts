import { Global, Module } from '@nestjs/common';
import { DEVICE_LIST_INBOUND } from '@switchboard/rooms';
import { DeviceListChanges } from './device-list-changes.service';
import { DeviceListUpdates } from './device-list-updates.service';
import { DeviceListsStream } from './device-lists.stream';

/**
 * Device-list tracking: what records a change (DeviceListUpdates, for whoever adds, renames or
 * deletes devices and keys) and what tells users of it (/sync's stream, /keys/changes). Global, so
 * that federation finds DEVICE_LIST_INBOUND for other servers' changes without importing client-api.
 */
@Global()
@Module({
  providers: [
    DeviceListUpdates,
    DeviceListChanges,
    DeviceListsStream,
    { provide: DEVICE_LIST_INBOUND, useExisting: DeviceListUpdates },
  ],
  exports: [DeviceListUpdates, DeviceListChanges, DEVICE_LIST_INBOUND],
})
export class DeviceListsModule {}
