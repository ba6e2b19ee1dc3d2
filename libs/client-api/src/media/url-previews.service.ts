import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError } from '@switchboard/protocol';
import { Requester } from '../auth/requester';
import { extractOpenGraph } from './open-graph';
import { PreviewFetcher } from './preview-fetcher';
import { imageSize } from './thumbnailer';
import { Uploads } from './uploads.service';

/** A preview is reused for an hour: clients ask again for every message that repeats a link. */
const CACHE_MS = 60 * 60 * 1000;
const MAX_CACHED = 1000;

/**
 * GET /preview_url: the page's OpenGraph data, with its image (og:image) fetched and stored as
 * media of this server, "replaced with matrix equivalents": og:image becomes an mxc:// URI, with
 * og:image:width, og:image:height, og:image:type and matrix:image:size.
 */
@Injectable()
export class UrlPreviews {
  private readonly cache = new Map<string, { at: number; preview: Promise<JsonObject> }>();

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly fetcher: PreviewFetcher,
    private readonly uploads: Uploads,
  ) {}

  preview(requester: Requester, url: unknown): Promise<JsonObject> {
    if (!this.config.media.url_previews) throw new MatrixError('M_UNKNOWN', 403, 'URL previews are disabled');
    if (typeof url !== 'string' || url === '')
      throw new MatrixError('M_MISSING_PARAM', 400, 'url is required');
    const now = Date.now();
    const hit = this.cache.get(url);
    if (hit && now - hit.at < CACHE_MS) return hit.preview;
    const preview = this.build(requester, url);
    preview.catch(() => this.cache.delete(url));
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(url, { at: now, preview });
    return preview;
  }

  private async build(requester: Requester, url: string): Promise<JsonObject> {
    const page = await this.fetcher.get(url);
    const type = page.contentType.split(';')[0].trim().toLowerCase();
    if (type.startsWith('image/')) return this.image(requester, page.body, type, page.url.pathname);
    if (type !== 'text/html' && type !== 'application/xhtml+xml') return {};
    const og: JsonObject = extractOpenGraph(page.body.toString('utf8'));
    const imageUrl = og['og:image'];
    delete og['og:image'];
    if (typeof imageUrl === 'string') {
      try {
        const image = await this.fetcher.get(new URL(imageUrl, page.url).toString());
        const imageType = image.contentType.split(';')[0].trim().toLowerCase();
        Object.assign(og, await this.image(requester, image.body, imageType, image.url.pathname));
      } catch {
        // The page's preview stands without its image.
      }
    }
    return og;
  }

  private async image(requester: Requester, bytes: Buffer, type: string, path: string): Promise<JsonObject> {
    const size = await imageSize(bytes);
    if (!size) return {};
    const uri = await this.uploads.upload(requester, bytes, {
      contentType: type,
      fileName: lastSegment(path),
    });
    return {
      'og:image': uri,
      'og:image:type': type,
      'og:image:width': size.width,
      'og:image:height': size.height,
      'matrix:image:size': bytes.length,
    };
  }
}

function lastSegment(path: string): string | undefined {
  try {
    return decodeURIComponent(path.split('/').pop() ?? '') || undefined;
  } catch {
    return undefined;
  }
}
