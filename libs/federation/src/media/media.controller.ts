import { Controller, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  contentDisposition,
  dispositionFor,
  federationGetContent,
  federationGetContentThumbnail,
  MatrixError,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { LOCAL_MEDIA, LocalMedia, MediaFile } from '@switchboard/rooms';
import { buildMultipart } from './multipart-mixed';

type Query = Record<string, unknown>;

const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_TIMEOUT_MS = 60_000;

/** server-server-api "Content Repository": this server's media for other servers. */
@Controller()
export class MediaController {
  constructor(@Inject(LOCAL_MEDIA) private readonly media: LocalMedia) {}

  /** GET /_matrix/federation/v1/media/download/{mediaId} — multipart/mixed: `{}` metadata, then the file. */
  @MatrixRoute(federationGetContent)
  async getContent(
    @Param('mediaId') mediaId: string,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.media.download(mediaId, timeoutOf(query)));
  }

  /** GET /_matrix/federation/v1/media/thumbnail/{mediaId} — multipart/mixed, the thumbnail second. */
  @MatrixRoute(federationGetContentThumbnail)
  async getContentThumbnail(
    @Param('mediaId') mediaId: string,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const width = dimension(query.width);
    const height = dimension(query.height);
    const method = query.method ?? 'scale';
    if (method !== 'crop' && method !== 'scale')
      throw new MatrixError('M_INVALID_PARAM', 400, 'method must be "crop" or "scale"');
    const animated = query.animated === 'true';
    send(reply, await this.media.thumbnail(mediaId, { width, height, method, animated }, timeoutOf(query)));
  }
}

/**
 * "The first part has a Content-Type header of application/json and describes the media's
 * metadata, if any. Currently, this will always be an empty object. The second part is ... the
 * bytes of the media itself, using Content-Type and Content-Disposition headers as appropriate".
 */
function send(reply: FastifyReply, file: MediaFile): void {
  const { contentType, body } = buildMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{}') },
    {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(dispositionFor(file.contentType), file.fileName),
      },
      body: file.bytes,
    },
  ]);
  void reply.status(200).header('content-type', contentType).send(body);
}

function timeoutOf(query: Query): number {
  const value = query.timeout_ms;
  if (typeof value !== 'string' || !/^[0-9]{1,16}$/.test(value)) return DEFAULT_TIMEOUT_MS;
  return Math.min(Number(value), MAX_TIMEOUT_MS);
}

function dimension(value: unknown): number {
  if (typeof value !== 'string' || !/^[0-9]{1,5}$/.test(value) || Number(value) < 1) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'width and height must be positive integers');
  }
  return Number(value);
}
