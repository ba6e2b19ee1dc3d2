/** Which file: the server it came from (ours for uploads) and its media ID. */
export interface MediaKey {
  origin: string;
  mediaId: string;
}

/**
 * Where media bytes live, apart from their index in the database. Keys are validated by the
 * caller (server name grammar, MEDIA_ID); a store still refuses any key that would leave it.
 */
export interface MediaStore {
  put(key: MediaKey, bytes: Buffer): Promise<void>;
  /** undefined when the store has no such file. */
  get(key: MediaKey): Promise<Buffer | undefined>;
  /** `name`: what the thumbnail is, e.g. `96x96-crop.png`; one directory per file. */
  putThumbnail(key: MediaKey, name: string, bytes: Buffer): Promise<void>;
  getThumbnail(key: MediaKey, name: string): Promise<Buffer | undefined>;
}

export const MEDIA_STORE = Symbol('MEDIA_STORE');
