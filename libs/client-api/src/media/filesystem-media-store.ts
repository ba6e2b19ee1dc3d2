import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { MatrixError, MEDIA_ID } from '@switchboard/protocol';
import { MediaKey, MediaStore } from './media-store.port';

const THUMBNAIL_NAME = /^[0-9]{1,5}x[0-9]{1,5}-(crop|scale)(-animated)?\.(png|jpeg|webp)$/;

/**
 * Media under `<root>/content/<origin>/<id[0..2]>/<id>` and thumbnails under
 * `<root>/thumbnails/<origin>/<id>/<name>`, where <origin> is the server name in base64url (server
 * names may hold `:` and `[`). Files are written to a temporary name and renamed, so a reader never
 * sees half a file.
 */
export class FilesystemMediaStore implements MediaStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  put(key: MediaKey, bytes: Buffer): Promise<void> {
    return this.write(this.contentPath(key), bytes);
  }

  get(key: MediaKey): Promise<Buffer | undefined> {
    return this.read(this.contentPath(key));
  }

  putThumbnail(key: MediaKey, name: string, bytes: Buffer): Promise<void> {
    return this.write(this.thumbnailPath(key, name), bytes);
  }

  getThumbnail(key: MediaKey, name: string): Promise<Buffer | undefined> {
    return this.read(this.thumbnailPath(key, name));
  }

  private contentPath(key: MediaKey): string {
    const id = checkedId(key.mediaId);
    return this.inside(join('content', originDir(key.origin), id.slice(0, 2), id));
  }

  private thumbnailPath(key: MediaKey, name: string): string {
    if (!THUMBNAIL_NAME.test(name)) throw new Error(`bad thumbnail name ${name}`);
    return this.inside(join('thumbnails', originDir(key.origin), checkedId(key.mediaId), name));
  }

  /** Defence in depth: the key checks already keep `..` out. */
  private inside(relative: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown media');
    return path;
  }

  private async write(path: string, bytes: Buffer): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  private async read(path: string): Promise<Buffer | undefined> {
    try {
      return await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

function checkedId(mediaId: string): string {
  if (!MEDIA_ID.test(mediaId)) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown media');
  return mediaId;
}

function originDir(origin: string): string {
  return Buffer.from(origin, 'utf8').toString('base64url');
}
