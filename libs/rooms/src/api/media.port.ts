/** A file as one server hands it to another: server-server-api "Content Repository". */
export interface MediaFile {
  contentType: string;
  /** The filename of the part's Content-Disposition, if any. */
  fileName?: string;
  bytes: Buffer;
}

/** Thumbnail parameters as the client-server API's /thumbnail takes them. */
export interface ThumbnailRequest {
  width: number;
  height: number;
  method: 'crop' | 'scale';
  animated?: boolean;
}

/**
 * Media of other servers, fetched over federation: implemented by libs/federation, used by the
 * client-server media endpoints (client-api must not import federation). Errors: MatrixError
 * (M_NOT_FOUND 404 when the origin has no such media, M_TOO_LARGE 502 past `maxBytes`, 502 when
 * the origin cannot be reached, M_NOT_YET_UPLOADED 504).
 */
export interface RemoteMedia {
  download(
    origin: string,
    mediaId: string,
    options: { maxBytes: number; timeoutMs: number },
  ): Promise<MediaFile>;
}

/**
 * This server's own media as the federation endpoints serve it: implemented by client-api's
 * media repository, reached by libs/federation through the module graph. Same errors as the
 * client-server /download and /thumbnail.
 */
export interface LocalMedia {
  download(mediaId: string, timeoutMs: number): Promise<MediaFile>;
  thumbnail(mediaId: string, request: ThumbnailRequest, timeoutMs: number): Promise<MediaFile>;
}

export const REMOTE_MEDIA = Symbol('REMOTE_MEDIA');
export const LOCAL_MEDIA = Symbol('LOCAL_MEDIA');
