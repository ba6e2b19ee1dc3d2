import { AppserviceInterestFactory } from './appservice-interest.factory';
import { DeviceListsSource } from './device-lists.source';
import { EphemeralFanout } from './ephemeral-fanout.service';
import { PresenceSource } from './presence.source';
import { ReceiptsSource } from './receipts.source';
import { ToDeviceSource } from './to-device.source';
import { TypingRelay } from './typing-relay.service';

/** What hands typing, receipts, presence, to-device messages and device lists to application services. */
export const EPHEMERAL_PROVIDERS = [
  AppserviceInterestFactory,
  ReceiptsSource,
  PresenceSource,
  ToDeviceSource,
  DeviceListsSource,
  EphemeralFanout,
  TypingRelay,
];
