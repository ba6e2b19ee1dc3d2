import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database, DatabaseOptions, openDatabase } from './database';
import { HealthRepository } from './repositories/health.repository';
import { UsersRepository } from './repositories/users.repository';
import { DATABASE_KIND, DATA_SOURCE } from './storage.tokens';

const DATABASE = Symbol('DATABASE');
const REPOSITORIES = [UsersRepository, HealthRepository];

@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: DATABASE, useFactory: () => openDatabase(options) },
        { provide: DATA_SOURCE, useFactory: (db: Database) => db.dataSource, inject: [DATABASE] },
        { provide: DATABASE_KIND, useFactory: (db: Database) => db.kind, inject: [DATABASE] },
        ...REPOSITORIES,
      ],
      exports: [DATA_SOURCE, DATABASE_KIND, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
