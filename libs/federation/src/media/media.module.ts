import { forwardRef, Global, Module } from '@nestjs/common';
import { REMOTE_MEDIA } from '@switchboard/rooms';
import { FederationModule } from '../federation.module';
import { MediaController } from './media.controller';
import { RemoteMediaClient } from './remote-media.client';

/**
 * The media half of the server-server API: serving our media, fetching other servers'. Global, so
 * that client-api finds REMOTE_MEDIA without importing federation.
 */
@Global()
@Module({
  imports: [forwardRef(() => FederationModule)],
  controllers: [MediaController],
  providers: [RemoteMediaClient, { provide: REMOTE_MEDIA, useExisting: RemoteMediaClient }],
  exports: [REMOTE_MEDIA],
})
export class FederationMediaModule {}
