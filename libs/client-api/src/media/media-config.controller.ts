import { Controller, Inject, Query } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  getConfig,
  getConfigAuthed,
  getUrlPreview,
  getUrlPreviewAuthed,
  JsonObject,
  MediaConfig,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { UrlPreviews } from './url-previews.service';

/** /config and /preview_url, authenticated and deprecated alike. */
@Controller()
export class MediaConfigController {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly previews: UrlPreviews,
  ) {}

  /** GET /_matrix/client/v1/media/config — client-server-api "Content repository". */
  @MatrixRoute(getConfigAuthed)
  getConfigAuthed(): MediaConfig {
    return this.mediaConfig();
  }

  /** GET /_matrix/media/v3/config — deprecated. */
  @MatrixRoute(getConfig)
  getConfig(): MediaConfig {
    return this.mediaConfig();
  }

  /** GET /_matrix/client/v1/media/preview_url — OpenGraph data; 502 M_UNKNOWN when nothing could be fetched. */
  @MatrixRoute(getUrlPreviewAuthed)
  getUrlPreviewAuthed(@Requester() requester: Requester, @Query('url') url: unknown): Promise<JsonObject> {
    return this.previews.preview(requester, url);
  }

  /** GET /_matrix/media/v3/preview_url — deprecated. */
  @MatrixRoute(getUrlPreview)
  getUrlPreview(@Requester() requester: Requester, @Query('url') url: unknown): Promise<JsonObject> {
    return this.previews.preview(requester, url);
  }

  private mediaConfig(): MediaConfig {
    return { 'm.upload.size': this.config.limits.max_upload_bytes };
  }
}
