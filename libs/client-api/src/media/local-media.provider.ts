import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LocalMedia, MediaFile, ThumbnailRequest } from '@switchboard/rooms';
import { MediaFiles } from './media-files.service';
import { mediaRef } from './media-ref';
import { Thumbnails } from './thumbnails.service';

/** This server's media for the federation endpoints: never fetched from elsewhere. */
@Injectable()
export class LocalMediaFiles implements LocalMedia {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly files: MediaFiles,
    private readonly thumbnails: Thumbnails,
  ) {}

  async download(mediaId: string, timeoutMs: number): Promise<MediaFile> {
    const file = await this.files.get(this.key(mediaId), { allowRemote: false, timeoutMs });
    return {
      contentType: file.contentType ?? 'application/octet-stream',
      fileName: file.uploadName ?? undefined,
      bytes: file.bytes,
    };
  }

  async thumbnail(mediaId: string, request: ThumbnailRequest, timeoutMs: number): Promise<MediaFile> {
    const served = await this.thumbnails.get(this.key(mediaId), request, { allowRemote: false, timeoutMs });
    if (served.kind === 'thumbnail') return { contentType: served.contentType, bytes: served.bytes };
    return {
      contentType: served.file.contentType ?? 'application/octet-stream',
      fileName: served.file.uploadName ?? undefined,
      bytes: served.file.bytes,
    };
  }

  private key(mediaId: string) {
    return mediaRef(this.config.server_name, mediaId);
  }
}
