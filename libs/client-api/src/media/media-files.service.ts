import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError } from '@switchboard/protocol';
import { REMOTE_MEDIA, RemoteMedia } from '@switchboard/rooms';
import { MediaRepository, MediaRow, Transactions } from '@switchboard/storage';
import { MediaKey, MEDIA_STORE, MediaStore } from './media-store.port';
import { FetchOptions } from './media-query';

/** A file with what the repository knows of it. */
export interface StoredFile extends MediaKey {
  contentType: string | null;
  uploadName: string | null;
  bytes: Buffer;
  local: boolean;
}

/** How often a download waiting for a created mxc:// URI's content looks again. */
const PENDING_POLL_MS = 250;

/**
 * Files by mxc:// reference: this server's uploads, and other servers' media fetched once over
 * federation and then served from the store ("Content is downloaded from the recipient's local
 * homeserver, which must first transfer the content from the origin homeserver").
 */
@Injectable()
export class MediaFiles {
  private readonly fetching = new Map<string, Promise<StoredFile>>();

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly media: MediaRepository,
    private readonly transactions: Transactions,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
    @Optional() @Inject(REMOTE_MEDIA) private readonly remote?: RemoteMedia,
  ) {}

  isLocal(key: MediaKey): boolean {
    return key.origin === this.config.server_name;
  }

  async get(key: MediaKey, options: FetchOptions): Promise<StoredFile> {
    if (this.isLocal(key)) return this.local(key, options.timeoutMs);
    const cached = await this.media.get(this.transactions.reader, key.origin, key.mediaId);
    if (cached?.uploadedTs != null) {
      const bytes = await this.store.get(key);
      if (bytes) return stored(cached, bytes, false);
    }
    // "allow_remote: Indicates to the server that it should not attempt to fetch the media if it is
    // deemed remote. This is to prevent routing loops where the server contacts itself."
    if (!options.allowRemote) throw notFound();
    const id = `${key.origin}/${key.mediaId}`;
    let pending = this.fetching.get(id);
    if (!pending) {
      pending = this.fetchRemote(key, options.timeoutMs).finally(() => this.fetching.delete(id));
      this.fetching.set(id, pending);
    }
    return pending;
  }

  /**
   * A local file; a created mxc:// URI is waited for up to `timeoutMs`, then 504
   * M_NOT_YET_UPLOADED ("the maximum number of milliseconds that the client is willing to wait to
   * start receiving data, in the case that the content has not yet been uploaded").
   */
  private async local(key: MediaKey, timeoutMs: number): Promise<StoredFile> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.media.get(this.transactions.reader, key.origin, key.mediaId);
      if (!row) throw notFound();
      if (row.uploadedTs != null) {
        const bytes = await this.store.get(key);
        if (!bytes) throw notFound();
        return stored(row, bytes, true);
      }
      if (row.unusedExpiresTs !== null && row.unusedExpiresTs <= Date.now()) throw notFound();
      if (Date.now() >= deadline) {
        throw new MatrixError('M_NOT_YET_UPLOADED', 504, 'Content has not yet been uploaded');
      }
      await sleep(Math.min(PENDING_POLL_MS, Math.max(0, deadline - Date.now())));
    }
  }

  private async fetchRemote(key: MediaKey, timeoutMs: number): Promise<StoredFile> {
    if (!this.remote) throw notFound();
    const file = await this.remote.download(key.origin, key.mediaId, {
      maxBytes: this.config.media.max_remote_bytes,
      timeoutMs: Math.max(timeoutMs, 1000),
    });
    await this.store.put(key, file.bytes);
    await this.media.insertContent(this.transactions.reader, key.origin, key.mediaId, null, {
      contentType: file.contentType,
      uploadName: file.fileName ?? null,
      size: file.bytes.length,
      uploadedTs: Date.now(),
    });
    return {
      ...key,
      contentType: file.contentType,
      uploadName: file.fileName ?? null,
      bytes: file.bytes,
      local: false,
    };
  }
}

function stored(row: MediaRow, bytes: Buffer, local: boolean): StoredFile {
  return {
    origin: row.origin,
    mediaId: row.mediaId,
    contentType: row.contentType,
    uploadName: row.uploadName,
    bytes,
    local,
  };
}

function notFound(): MatrixError {
  return new MatrixError('M_NOT_FOUND', 404, 'Unknown media');
}
