import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** A media row: a local upload (`userId` set), a cached remote file, or a pending create. */
export interface MediaRow {
  origin: string;
  mediaId: string;
  userId: string | null;
  contentType: string | null;
  uploadName: string | null;
  size: number | null;
  createdTs: number;
  /** null while an mxc:// URI from POST /media/v1/create waits for its content. */
  uploadedTs: number | null;
  unusedExpiresTs: number | null;
}

export interface MediaContent {
  contentType: string;
  uploadName: string | null;
  size: number;
  uploadedTs: number;
}

/** The media repository's index of files; the bytes are in the media store, not here. */
@Injectable()
export class MediaRepository {
  /** A complete local upload or cached remote file; replaces a cached row of the same ID. */
  async insertContent(
    q: Queryable,
    origin: string,
    mediaId: string,
    userId: string | null,
    content: MediaContent,
  ): Promise<void> {
    await q.query(
      `INSERT INTO media (origin, media_id, user_id, content_type, upload_name, size, created_ts, uploaded_ts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (origin, media_id) DO UPDATE SET content_type = $4, upload_name = $5, size = $6, uploaded_ts = $7`,
      [origin, mediaId, userId, content.contentType, content.uploadName, content.size, content.uploadedTs],
    );
  }

  /** An mxc:// URI reserved by POST /media/v1/create, without content yet. */
  async insertPending(
    q: Queryable,
    origin: string,
    mediaId: string,
    userId: string,
    createdTs: number,
    unusedExpiresTs: number,
  ): Promise<void> {
    await q.query(
      `INSERT INTO media (origin, media_id, user_id, created_ts, unused_expires_ts) VALUES ($1, $2, $3, $4, $5)`,
      [origin, mediaId, userId, createdTs, unusedExpiresTs],
    );
  }

  /**
   * Fills a pending row with its content; false when the row is no longer pending (another
   * upload won), so content is never overwritten.
   */
  async completePending(
    q: Queryable,
    origin: string,
    mediaId: string,
    content: MediaContent,
  ): Promise<boolean> {
    const rows = await q.query(
      `WITH changed AS (
         UPDATE media SET content_type = $3, upload_name = $4, size = $5, uploaded_ts = $6
         WHERE origin = $1 AND media_id = $2 AND uploaded_ts IS NULL RETURNING media_id
       ) SELECT media_id FROM changed`,
      [origin, mediaId, content.contentType, content.uploadName, content.size, content.uploadedTs],
    );
    return rows.length > 0;
  }

  async get(q: Queryable, origin: string, mediaId: string): Promise<MediaRow | undefined> {
    const rows = await q.query(
      `SELECT origin, media_id, user_id, content_type, upload_name, size, created_ts, uploaded_ts, unused_expires_ts
       FROM media WHERE origin = $1 AND media_id = $2`,
      [origin, mediaId],
    );
    return rows.length ? toRow(rows[0]) : undefined;
  }

  /** A user's created mxc:// URIs that have neither content nor expired at `now`. */
  async countPending(q: Queryable, userId: string, now: number): Promise<number> {
    const [{ n }] = await q.query(
      `SELECT count(*) AS n FROM media WHERE user_id = $1 AND uploaded_ts IS NULL AND unused_expires_ts > $2`,
      [userId, now],
    );
    return Number(n);
  }
}

function toRow(r: Record<string, unknown>): MediaRow {
  const num = (v: unknown) => (v === null ? null : Number(v));
  return {
    origin: r.origin as string,
    mediaId: r.media_id as string,
    userId: r.user_id as string | null,
    contentType: r.content_type as string | null,
    uploadName: r.upload_name as string | null,
    size: num(r.size),
    createdTs: Number(r.created_ts),
    uploadedTs: num(r.uploaded_ts),
    unusedExpiresTs: num(r.unused_expires_ts),
  };
}
