export * from './database';
export * from './storage.module';
export * from './storage.tokens';
export * from './repositories/users.repository';
export * from './repositories/health.repository';
