import sharp from 'sharp';
import { MatrixError } from '@switchboard/protocol';
import { makeThumbnail, thumbnailName, thumbnailPlan } from './thumbnailer';

describe('thumbnailPlan (client-server-api "Thumbnails")', () => {
  it.each([
    [
      { width: 96, height: 96, method: 'crop' },
      { width: 96, height: 96, method: 'crop' },
    ],
    [
      { width: 50, height: 50, method: 'crop' },
      { width: 96, height: 96, method: 'crop' },
    ],
    [
      { width: 100, height: 50, method: 'crop' },
      { width: 100, height: 50, method: 'crop' },
    ],
    [
      { width: 96, height: 96, method: 'scale' },
      { width: 320, height: 240, method: 'scale' },
    ],
    [
      { width: 700, height: 500, method: 'scale' },
      { width: 800, height: 600, method: 'scale' },
    ],
    [
      { width: 1000, height: 1000, method: 'scale' },
      { width: 1000, height: 1000, method: 'scale' },
    ],
  ] as const)('serves %j with the standard size %j, never a smaller one', (request, expected) => {
    expect(thumbnailPlan(request, 'image/png').size).toEqual({ ...expected, animated: false });
  });

  it('keeps JPEG, makes PNG of the rest, and WebP only when animation is asked of an animatable type', () => {
    const crop = { width: 96, height: 96, method: 'crop' } as const;
    expect(thumbnailPlan(crop, 'image/jpeg').contentType).toBe('image/jpeg');
    expect(thumbnailPlan(crop, 'image/gif').contentType).toBe('image/png');
    expect(thumbnailPlan({ ...crop, animated: true }, 'image/gif').contentType).toBe('image/webp');
    expect(thumbnailPlan({ ...crop, animated: true }, 'image/jpeg')).toEqual({
      size: { ...crop, animated: false },
      contentType: 'image/jpeg',
    });
  });

  it('names cached thumbnails by size, method and type', () => {
    expect(thumbnailName(thumbnailPlan({ width: 96, height: 96, method: 'crop' }, 'image/png'))).toBe(
      '96x96-crop.png',
    );
    expect(
      thumbnailName(thumbnailPlan({ width: 300, height: 200, method: 'scale', animated: true }, 'image/gif')),
    ).toBe('320x240-scale-animated.webp');
  });
});

describe('makeThumbnail', () => {
  const tooLarge = () => new MatrixError('M_TOO_LARGE', 413, 'too large');

  it('refuses images over the pixel limit before decoding them', async () => {
    const image = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const plan = thumbnailPlan({ width: 32, height: 32, method: 'crop' }, 'image/png');
    await expect(makeThumbnail(image, plan, 200 * 199, tooLarge)).rejects.toMatchObject({
      errcode: 'M_TOO_LARGE',
    });
  });

  it('is 400 M_UNKNOWN for content that is not an image', async () => {
    const plan = thumbnailPlan({ width: 32, height: 32, method: 'crop' }, 'image/png');
    await expect(makeThumbnail(Buffer.from('not an image'), plan, 1e6, tooLarge)).rejects.toMatchObject({
      errcode: 'M_UNKNOWN',
      status: 400,
    });
  });
});
