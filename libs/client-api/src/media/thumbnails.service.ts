import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError } from '@switchboard/protocol';
import { ThumbnailRequest } from '@switchboard/rooms';
import { MediaFiles, StoredFile } from './media-files.service';
import { FetchOptions } from './media-query';
import { MediaKey, MEDIA_STORE, MediaStore } from './media-store.port';
import { makeThumbnail, thumbnailName, thumbnailPlan } from './thumbnailer';

/** A thumbnail to serve, or the original file when it is no larger than the request. */
export type ServedThumbnail =
  { kind: 'thumbnail'; contentType: string; bytes: Buffer } | { kind: 'original'; file: StoredFile };

/** /thumbnail: made once per size and method, then served from the store. */
@Injectable()
export class Thumbnails {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly files: MediaFiles,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
  ) {}

  async get(key: MediaKey, request: ThumbnailRequest, options: FetchOptions): Promise<ServedThumbnail> {
    const file = await this.files.get(key, options);
    const plan = thumbnailPlan(request, (file.contentType ?? '').split(';')[0].trim().toLowerCase());
    const name = thumbnailName(plan);
    const cached = await this.store.getThumbnail(key, name);
    if (cached) return { kind: 'thumbnail', contentType: plan.contentType, bytes: cached };

    // "Homeservers should not attempt to generate thumbnails for images that are too large,
    // returning a HTTP 413 error" (local); "should not ... thumbnail large files or images from
    // remote homeservers, returning a HTTP 502 error" (remote).
    const tooLarge = () =>
      new MatrixError('M_TOO_LARGE', file.local ? 413 : 502, 'Content is too large to thumbnail');
    const made = await makeThumbnail(file.bytes, plan, this.config.media.max_thumbnail_pixels, tooLarge);
    if (made.kind === 'original') return { kind: 'original', file };
    await this.store.putThumbnail(key, name, made.bytes);
    return { kind: 'thumbnail', contentType: plan.contentType, bytes: made.bytes };
  }
}
