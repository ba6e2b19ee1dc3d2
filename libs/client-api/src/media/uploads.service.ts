import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { CreatedContent, MatrixError, mxcUri } from '@switchboard/protocol';
import { MediaRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { newMediaId } from './media-ids';
import { mediaRef } from './media-ref';
import { MEDIA_STORE, MediaStore } from './media-store.port';

/** What an upload request carries besides the bytes. */
export interface UploadMeta {
  /** "Defaults to `application/octet-stream` if it is not set." */
  contentType: string | undefined;
  fileName: string | undefined;
}

/** POST /upload, POST /create and PUT /upload/{serverName}/{mediaId}. */
@Injectable()
export class Uploads {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly media: MediaRepository,
    private readonly transactions: Transactions,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
  ) {}

  async upload(requester: Requester, bytes: Buffer, meta: UploadMeta): Promise<string> {
    this.checkSize(bytes);
    const key = { origin: this.config.server_name, mediaId: newMediaId() };
    await this.store.put(key, bytes);
    await this.media.insertContent(this.transactions.reader, key.origin, key.mediaId, requester.userId, {
      ...content(bytes, meta),
      uploadedTs: Date.now(),
    });
    return mxcUri(key.origin, key.mediaId);
  }

  /**
   * POST /media/v1/create: "the server should limit the number of concurrent pending media
   * uploads a given user can have ... respond with an HTTP 429 error with an errcode of
   * M_LIMIT_EXCEEDED".
   */
  async create(requester: Requester): Promise<CreatedContent> {
    const now = Date.now();
    const pending = await this.media.countPending(this.transactions.reader, requester.userId, now);
    if (pending >= this.config.media.max_pending_uploads) {
      throw new MatrixError('M_LIMIT_EXCEEDED', 429, 'Too many pending media uploads', {
        retry_after_ms: 60_000,
      });
    }
    const mediaId = newMediaId();
    const expires = now + this.config.media.unused_expiry_ms;
    await this.media.insertPending(
      this.transactions.reader,
      this.config.server_name,
      mediaId,
      requester.userId,
      now,
      expires,
    );
    return { content_uri: mxcUri(this.config.server_name, mediaId), unused_expires_at: expires };
  }

  /** PUT /media/v3/upload/{serverName}/{mediaId}: the content of a created mxc:// URI, once. */
  async uploadTo(
    requester: Requester,
    serverName: string,
    mediaId: string,
    bytes: Buffer,
    meta: UploadMeta,
  ): Promise<void> {
    const key = mediaRef(serverName, mediaId);
    const row =
      key.origin === this.config.server_name
        ? await this.media.get(this.transactions.reader, key.origin, key.mediaId)
        : undefined;
    // 404: "The MXC ID was not created with POST /_matrix/media/v1/create" or "has expired".
    if (!row || (row.uploadedTs === null && (row.unusedExpiresTs ?? 0) <= Date.now())) {
      throw new MatrixError('M_NOT_FOUND', 404, 'Unknown media ID');
    }
    // 403: "The request comes from a different user than the one that called POST /_matrix/media/v1/create."
    if (row.userId !== requester.userId) {
      throw new MatrixError('M_FORBIDDEN', 403, 'This media ID was created by another user');
    }
    if (row.uploadedTs !== null) throw cannotOverwrite();
    this.checkSize(bytes);
    await this.store.put(key, bytes);
    const completed = await this.media.completePending(this.transactions.reader, key.origin, key.mediaId, {
      ...content(bytes, meta),
      uploadedTs: Date.now(),
    });
    if (!completed) throw cannotOverwrite();
  }

  private checkSize(bytes: Buffer): void {
    if (bytes.length > this.config.limits.max_upload_bytes) {
      throw new MatrixError(
        'M_TOO_LARGE',
        413,
        `Cannot upload files larger than ${this.config.limits.max_upload_bytes} bytes`,
      );
    }
  }
}

function content(bytes: Buffer, meta: UploadMeta) {
  return {
    contentType: meta.contentType || 'application/octet-stream',
    uploadName: meta.fileName || null,
    size: bytes.length,
  };
}

function cannotOverwrite(): MatrixError {
  return new MatrixError('M_CANNOT_OVERWRITE_MEDIA', 409, 'Media already uploaded');
}
