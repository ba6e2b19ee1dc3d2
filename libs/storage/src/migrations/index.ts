import { Users1764145000000 } from './1764145000000-users';
import { Accounts1764145100000 } from './1764145100000-accounts';
import { Rooms1764145200000 } from './1764145200000-rooms';
import { Filters1764145300000 } from './1764145300000-filters';
import { Ephemeral1764145400000 } from './1764145400000-ephemeral';
import { ServerKeys1764145500000 } from './1764145500000-server-keys';
import { ContactsAndPushers1764147300000 } from './1764147300000-contacts-and-pushers';
import { FederationExchange1764147600000 } from './1764147600000-federation-exchange';
import { E2eKeys1764148000000 } from './1764148000000-e2e-keys';
import { ToDeviceAndRoomKeys1764148100000 } from './1764148100000-to-device-and-room-keys';
import { Media1764148200000 } from './1764148200000-media';
import { Push1764148300000 } from './1764148300000-push';
import { RelationsAndSearch1764148400000 } from './1764148400000-relations-and-search';
import { ReportsAndOpenid1764148500000 } from './1764148500000-reports-and-openid';
import { BackfillPositions1764148800000 } from './1764148800000-backfill-positions';
import { OutboxPositionRow1764148900000 } from './1764148900000-outbox-position-row';
import { DeviceListPrevStreamId1764149000000 } from './1764149000000-device-list-prev-stream-id';
import { AccountModeration1764149100000 } from './1764149100000-account-moderation';
import { ServerNoticeRooms1764149200000 } from './1764149200000-server-notice-rooms';
import { AppserviceOutbox1764149300000 } from './1764149300000-appservice-outbox';
import { AppserviceEphemeralPositions1764149400000 } from './1764149400000-appservice-ephemeral-positions';
import { AppserviceRoomList1764149500000 } from './1764149500000-appservice-room-list';
import { RemoteDeviceLists1764149600000 } from './1764149600000-remote-device-lists';

/** Every migration in order; a new migration is a new file and a new line here. */
export const MIGRATIONS = [
  Users1764145000000,
  Accounts1764145100000,
  Rooms1764145200000,
  Filters1764145300000,
  Ephemeral1764145400000,
  ServerKeys1764145500000,
  ContactsAndPushers1764147300000,
  FederationExchange1764147600000,
  E2eKeys1764148000000,
  ToDeviceAndRoomKeys1764148100000,
  Media1764148200000,
  Push1764148300000,
  RelationsAndSearch1764148400000,
  ReportsAndOpenid1764148500000,
  BackfillPositions1764148800000,
  OutboxPositionRow1764148900000,
  DeviceListPrevStreamId1764149000000,
  AccountModeration1764149100000,
  ServerNoticeRooms1764149200000,
  AppserviceOutbox1764149300000,
  AppserviceEphemeralPositions1764149400000,
  AppserviceRoomList1764149500000,
  RemoteDeviceLists1764149600000,
];
