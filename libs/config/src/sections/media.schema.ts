import { z } from 'zod';
import { isIpRange } from '../internal/grammar';
import { emptyMeansDefault } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';
const RANGE = 'an IP address or CIDR range such as "10.0.0.0/8"';
const POSITIVE = (unit: string) => `a positive integer (${unit})`;

function positiveInt(unit: string, fallback: number, doc: string) {
  const message = POSITIVE(unit);
  return z.number({ message }).int({ message }).positive({ message }).default(fallback).describe(doc);
}

const MIB = 1024 * 1024;

/**
 * The media repository (client-server-api "Content repository"). The upload size limit is
 * `limits.max_upload_bytes`; files live in `data_dir/media`.
 */
export const mediaSchema = emptyMeansDefault(
  z
    .object(
      {
        unused_expiry_ms: positiveInt(
          'milliseconds',
          24 * 60 * 60 * 1000,
          'How long an mxc:// URI from POST /media/v1/create waits for its upload (the spec recommends 24 hours).',
        ),
        max_pending_uploads: positiveInt(
          'uploads',
          10,
          'Created but not yet uploaded mxc:// URIs a user may hold; more get 429 M_LIMIT_EXCEEDED.',
        ),
        max_thumbnail_pixels: positiveInt(
          'pixels',
          32_000_000,
          'Largest image (width x height) thumbnailed; larger ones get 413 M_TOO_LARGE.',
        ),
        max_remote_bytes: positiveInt(
          'bytes',
          100 * MIB,
          'Largest remote file fetched and cached; larger ones get 502 M_TOO_LARGE.',
        ),
        url_previews: z
          .boolean({ message: BOOLEAN })
          .default(true)
          .describe('Whether GET /preview_url fetches pages.'),
        url_preview_ip_range_allowlist: emptyMeansDefault(
          z
            .array(z.string({ message: RANGE }).refine(isIpRange, { message: RANGE }), {
              message: 'a list of IP ranges',
            })
            .default([]),
        ).describe('Private IP ranges URL previews may still fetch from (all private ranges are blocked).'),
      },
      {
        message:
          'a mapping {unused_expiry_ms, max_pending_uploads, max_thumbnail_pixels, max_remote_bytes, url_previews, url_preview_ip_range_allowlist}',
      },
    )
    .strict()
    .default({}),
).describe('Media repository: uploads, thumbnails, remote media, URL previews.');

export type MediaRepoConfig = z.output<typeof mediaSchema>;
