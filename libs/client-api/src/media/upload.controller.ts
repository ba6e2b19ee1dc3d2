import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createContent, CreatedContent, uploadContent, uploadContentToMXC } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { uploadContentType } from './upload-routes';
import { UploadMeta, Uploads } from './uploads.service';

type Empty = Record<string, never>;

@Controller()
export class UploadController {
  constructor(private readonly uploads: Uploads) {}

  /** POST /_matrix/media/v3/upload — client-server-api "Content repository"; 413 M_TOO_LARGE. */
  @MatrixRoute(uploadContent)
  async uploadContent(
    @Requester() requester: Requester,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<{ content_uri: string }> {
    return { content_uri: await this.uploads.upload(requester, bytesOf(body), meta(request, query)) };
  }

  /** POST /_matrix/media/v1/create — an mxc:// URI to upload to later; 429 M_LIMIT_EXCEEDED. */
  @MatrixRoute(createContent)
  createContent(@Requester() requester: Requester): Promise<CreatedContent> {
    return this.uploads.create(requester);
  }

  /** PUT /_matrix/media/v3/upload/{serverName}/{mediaId} — 404, 403, 409 M_CANNOT_OVERWRITE_MEDIA. */
  @MatrixRoute(uploadContentToMXC)
  async uploadContentToMXC(
    @Requester() requester: Requester,
    @Param('serverName') serverName: string,
    @Param('mediaId') mediaId: string,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.uploads.uploadTo(requester, serverName, mediaId, bytesOf(body), meta(request, query));
    return {};
  }
}

function bytesOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function meta(request: FastifyRequest, query: Record<string, unknown>): UploadMeta {
  const fileName = typeof query.filename === 'string' ? query.filename : undefined;
  return { contentType: uploadContentType(request), fileName };
}
