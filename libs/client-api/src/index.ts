export * from './client-api.module';
export * from './accounts/password-hash';
export * from './versions/versions.controller';
export * from './auth/requester';
export * from './auth/access-token.guard';
export * from './profile/profiles.service';
export * from './server_notices/server-notices.module';
export * from './server_notices/server-notices.service';
