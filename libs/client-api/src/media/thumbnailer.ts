import sharp from 'sharp';
import { MatrixError } from '@switchboard/protocol';
import { ThumbnailRequest } from '@switchboard/rooms';

/** What /thumbnail answers: a new image, or the original when it is already small enough. */
export type Thumbnail = { kind: 'thumbnail'; bytes: Buffer } | { kind: 'original' };

/**
 * client-server-api "Thumbnails": "Servers SHOULD produce thumbnails with the following dimensions
 * and methods". A request is served by the smallest of these that is at least as large (and, for
 * crop, of the same aspect), so a few files per image are cached, not one per request.
 */
const STANDARD_SIZES: readonly ThumbnailRequest[] = [
  { width: 32, height: 32, method: 'crop' },
  { width: 96, height: 96, method: 'crop' },
  { width: 320, height: 240, method: 'scale' },
  { width: 640, height: 480, method: 'scale' },
  { width: 800, height: 600, method: 'scale' },
];

/** Formats whose animation sharp reads and writes. */
const ANIMATABLE: ReadonlySet<string> = new Set(['image/gif', 'image/webp']);

/** What is made for a request: the size and method, and the type. */
export interface ThumbnailPlan {
  size: ThumbnailRequest;
  contentType: string;
}

/**
 * The thumbnail for a request on content of `sourceType`. JPEG stays JPEG (photos), the rest is
 * PNG (transparency); "Servers SHOULD prefer to return image/webp thumbnails when supporting
 * animation", and "When true and the media cannot be animated ... behave as though animated is false".
 */
export function thumbnailPlan(request: ThumbnailRequest, sourceType: string): ThumbnailPlan {
  const animated = Boolean(request.animated) && ANIMATABLE.has(sourceType);
  const standard = STANDARD_SIZES.find(
    (s) =>
      s.method === request.method &&
      s.width >= request.width &&
      s.height >= request.height &&
      (s.method === 'scale' || s.width * request.height === s.height * request.width),
  );
  const contentType = animated ? 'image/webp' : sourceType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  return { size: { ...(standard ?? request), animated }, contentType };
}

/** The cache name of a thumbnail, e.g. `96x96-crop.png`. */
export function thumbnailName({ size, contentType }: ThumbnailPlan): string {
  const animated = size.animated ? '-animated' : '';
  return `${size.width}x${size.height}-${size.method}${animated}.${contentType.split('/')[1]}`;
}

/**
 * Scales or crops `source` to `size` without ever upscaling ("Servers MUST NOT upscale
 * thumbnails"): an image no larger than the box is answered as it is. Throws 400 M_UNKNOWN for
 * content that is not an image, and `tooLarge` past `maxPixels` ("should not attempt to generate
 * thumbnails for images that are too large").
 */
export async function makeThumbnail(
  source: Buffer,
  { size, contentType }: ThumbnailPlan,
  maxPixels: number,
  tooLarge: () => MatrixError,
): Promise<Thumbnail> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(source, { limitInputPixels: false }).metadata();
  } catch {
    throw cannotThumbnail();
  }
  const { width, height } = metadata;
  if (!width || !height) throw cannotThumbnail();
  const pageHeight = metadata.pageHeight ?? height;
  if (width * pageHeight > maxPixels) throw tooLarge();
  if (width <= size.width && pageHeight <= size.height) return { kind: 'original' };

  const animated = Boolean(size.animated);
  try {
    const image = sharp(source, { animated, limitInputPixels: maxPixels })
      .rotate()
      .resize({
        width: size.width,
        height: size.height,
        fit: size.method === 'crop' ? 'cover' : 'inside',
        withoutEnlargement: true,
      });
    const encoded =
      contentType === 'image/webp'
        ? image.webp()
        : contentType === 'image/jpeg'
          ? image.jpeg({ quality: 80 })
          : image.png();
    return { kind: 'thumbnail', bytes: await encoded.toBuffer() };
  } catch {
    throw cannotThumbnail();
  }
}

/** An image's dimensions, or undefined when the bytes are not an image sharp reads. */
export async function imageSize(bytes: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    const { width, height } = await sharp(bytes).metadata();
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

function cannotThumbnail(): MatrixError {
  return new MatrixError('M_UNKNOWN', 400, 'Cannot generate thumbnails for the requested content');
}
