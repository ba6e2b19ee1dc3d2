import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOCAL_MEDIA } from '@switchboard/rooms';
import { DownloadController } from './download.controller';
import { FilesystemMediaStore } from './filesystem-media-store';
import { LocalMediaFiles } from './local-media.provider';
import { MediaConfigController } from './media-config.controller';
import { MediaFiles } from './media-files.service';
import { MEDIA_STORE } from './media-store.port';
import { PreviewFetcher } from './preview-fetcher';
import { Thumbnails } from './thumbnails.service';
import { UploadController } from './upload.controller';
import { UploadRoutes } from './upload-routes';
import { Uploads } from './uploads.service';
import { UrlPreviews } from './url-previews.service';

/**
 * The media repository (client-server-api "Content repository"): files in `data_dir/media`.
 * Global, so that the federation endpoints find LOCAL_MEDIA without importing client-api.
 */
@Global()
@Module({
  controllers: [UploadController, DownloadController, MediaConfigController],
  providers: [
    {
      provide: MEDIA_STORE,
      inject: [CONFIG],
      useFactory: (config: SwitchboardConfig) => new FilesystemMediaStore(join(config.data_dir, 'media')),
    },
    UploadRoutes,
    Uploads,
    MediaFiles,
    Thumbnails,
    PreviewFetcher,
    UrlPreviews,
    LocalMediaFiles,
    { provide: LOCAL_MEDIA, useExisting: LocalMediaFiles },
  ],
  exports: [LOCAL_MEDIA],
})
export class MediaModule {}
