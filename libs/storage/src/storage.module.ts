import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { Database, DatabaseOptions, openDatabase } from './database';
import { loadOrCreateSigningKey } from './keys/signing-key.file';
import { HealthRepository } from './repositories/health.repository';
import { UsersRepository } from './repositories/users.repository';
import { RoomsRepository } from './repositories/rooms.repository';
import { EventsRepository } from './repositories/events.repository';
import { EventGraphRepository } from './repositories/event-graph.repository';
import { EventBatchRepository } from './repositories/event-batch.repository';
import { StateSnapshotsRepository } from './repositories/state-snapshots.repository';
import { CurrentStateRepository } from './repositories/current-state.repository';
import { MembershipsRepository } from './repositories/memberships.repository';
import { RoomAliasesRepository } from './repositories/room-aliases.repository';
import { AccountsRepository } from './repositories/accounts.repository';
import { DevicesRepository } from './repositories/devices.repository';
import { AccessTokensRepository } from './repositories/access-tokens.repository';
import { AccountModerationRepository } from './repositories/account-moderation.repository';
import { ServerNoticeRoomsRepository } from './repositories/server-notice-rooms.repository';
import { AppserviceEphemeralRepository } from './repositories/appservice-ephemeral.repository';
import { UiaSessionsRepository } from './repositories/uia-sessions.repository';
import { RegistrationTokensRepository } from './repositories/registration-tokens.repository';
import { RegistrationNoncesRepository } from './repositories/registration-nonces.repository';
import { FiltersRepository } from './repositories/filters.repository';
import { ReceiptsRepository } from './repositories/receipts.repository';
import { PresenceRepository } from './repositories/presence.repository';
import { ProfilesRepository } from './repositories/profiles.repository';
import { AccountDataRepository } from './repositories/account-data.repository';
import { ServerKeysRepository } from './repositories/server-keys.repository';
import { FederationOutboxRepository } from './repositories/federation-outbox.repository';
import { AppserviceOutboxRepository } from './repositories/appservice-outbox.repository';
import { FederationReceivedTxnsRepository } from './repositories/federation-received-txns.repository';
import { PushersRepository } from './repositories/pushers.repository';
import { ThreepidsRepository } from './repositories/threepids.repository';
import { LoginTokensRepository } from './repositories/login-tokens.repository';
import { ContentReportsRepository } from './repositories/content-reports.repository';
import { OpenIdTokensRepository } from './repositories/openid-tokens.repository';
import { ThreepidBindingsRepository } from './repositories/threepid-bindings.repository';
import { PushRulesRepository } from './repositories/push-rules.repository';
import { PushActionsRepository } from './repositories/push-actions.repository';
import { PushEvaluationRepository } from './repositories/push-evaluation.repository';
import { AccessTokenCache } from './caches/access-token-cache';
import { MediaRepository } from './repositories/media.repository';
import { ToDeviceRepository } from './repositories/to-device.repository';
import { RoomKeysVersionsRepository } from './repositories/room-keys-versions.repository';
import { RoomKeysRepository } from './repositories/room-keys.repository';
import { DeviceKeysRepository } from './repositories/device-keys.repository';
import { OneTimeKeysRepository } from './repositories/one-time-keys.repository';
import { CrossSigningKeysRepository } from './repositories/cross-signing-keys.repository';
import { DeviceListChangesRepository } from './repositories/device-list-changes.repository';
import { RemoteDeviceListsRepository } from './repositories/remote-device-lists.repository';
import { DestinationRetriesRepository } from './repositories/destination-retries.repository';
import { LocalE2eKeysRepository } from './repositories/local-e2e-keys.repository';
import { RelationsRepository } from './repositories/relations.repository';
import { SearchRepository } from './repositories/search.repository';
import { UserDirectoryRepository } from './repositories/user-directory.repository';
import { AppserviceRoomListRepository } from './repositories/appservice-room-list.repository';
import { Transactions } from './transactions';
import { DATABASE_KIND, DATA_SOURCE, SIGNING_KEY } from './storage.tokens';

export interface StorageOptions extends DatabaseOptions {
  /** The server's ed25519 signing key file in data_dir; created on first start. */
  signingKeyPath: string;
}

const DATABASE = Symbol('DATABASE');
const REPOSITORIES = [
  FiltersRepository,
  Transactions,
  AccessTokenCache,
  UsersRepository,
  HealthRepository,
  RoomsRepository,
  EventsRepository,
  EventGraphRepository,
  EventBatchRepository,
  StateSnapshotsRepository,
  CurrentStateRepository,
  MembershipsRepository,
  RoomAliasesRepository,
  AccountsRepository,
  DevicesRepository,
  AccessTokensRepository,
  UiaSessionsRepository,
  RegistrationTokensRepository,
  RegistrationNoncesRepository,
  ReceiptsRepository,
  PresenceRepository,
  ProfilesRepository,
  AccountDataRepository,
  ServerKeysRepository,
  FederationOutboxRepository,
  AppserviceOutboxRepository,
  FederationReceivedTxnsRepository,
  PushersRepository,
  ThreepidsRepository,
  LoginTokensRepository,
  ContentReportsRepository,
  OpenIdTokensRepository,
  ThreepidBindingsRepository,
  MediaRepository,
  ToDeviceRepository,
  RoomKeysVersionsRepository,
  RoomKeysRepository,
  PushRulesRepository,
  PushActionsRepository,
  PushEvaluationRepository,
  DeviceKeysRepository,
  OneTimeKeysRepository,
  CrossSigningKeysRepository,
  DeviceListChangesRepository,
  LocalE2eKeysRepository,
  RelationsRepository,
  SearchRepository,
  UserDirectoryRepository,
  AccountModerationRepository,
  ServerNoticeRoomsRepository,
  AppserviceEphemeralRepository,
  RemoteDeviceListsRepository,
  DestinationRetriesRepository,
  AppserviceRoomListRepository,
];

@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  static forRoot(options: StorageOptions): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: DATABASE, useFactory: () => openDatabase(options) },
        { provide: DATA_SOURCE, useFactory: (db: Database) => db.dataSource, inject: [DATABASE] },
        { provide: DATABASE_KIND, useFactory: (db: Database) => db.kind, inject: [DATABASE] },
        {
          provide: SIGNING_KEY,
          inject: [LOGGER],
          useFactory: async (logger: Logger) => {
            const { key, created } = await loadOrCreateSigningKey(options.signingKeyPath);
            if (created)
              logger.info({ path: options.signingKeyPath, key_id: key.keyId }, 'generated a new signing key');
            return key;
          },
        },
        ...REPOSITORIES,
      ],
      exports: [DATA_SOURCE, DATABASE_KIND, SIGNING_KEY, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
