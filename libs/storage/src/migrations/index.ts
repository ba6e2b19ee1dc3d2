import { Users1764145000000 } from './1764145000000-users';
import { Accounts1764145100000 } from './1764145100000-accounts';
import { Rooms1764145200000 } from './1764145200000-rooms';
import { Filters1764145300000 } from './1764145300000-filters';
import { Ephemeral1764145400000 } from './1764145400000-ephemeral';
import { ServerKeys1764145500000 } from './1764145500000-server-keys';
import { ContactsAndPushers1764147300000 } from './1764147300000-contacts-and-pushers';
import { FederationExchange1764147600000 } from './1764147600000-federation-exchange';
import { OutboxPositionRow1764148900000 } from './1764148900000-outbox-position-row';

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
  OutboxPositionRow1764148900000,
];
