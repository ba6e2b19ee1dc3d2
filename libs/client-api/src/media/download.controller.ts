import { Controller, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  getContent,
  getContentAuthed,
  getContentOverrideName,
  getContentOverrideNameAuthed,
  getContentThumbnail,
  getContentThumbnailAuthed,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { MediaFiles } from './media-files.service';
import { mediaHeaders, thumbnailHeaders } from './media-headers';
import { fetchOptions, thumbnailRequest } from './media-query';
import { mediaRef } from './media-ref';
import { Thumbnails } from './thumbnails.service';

type Query = Record<string, unknown>;

/**
 * The download and thumbnail endpoints, authenticated (/_matrix/client/v1/media) and deprecated
 * (/_matrix/media/v3, no access token) alike: the same files and headers.
 */
@Controller()
export class DownloadController {
  constructor(
    private readonly files: MediaFiles,
    private readonly thumbnails: Thumbnails,
  ) {}

  /** GET /_matrix/client/v1/media/download/{serverName}/{mediaId} — client-server-api "Content repository". */
  @MatrixRoute(getContentAuthed)
  getContentAuthed(
    @Param() params: Record<string, string>,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ) {
    return this.download(params, query, reply);
  }

  /** GET /_matrix/client/v1/media/download/{serverName}/{mediaId}/{fileName} — with the given file name. */
  @MatrixRoute(getContentOverrideNameAuthed)
  getContentOverrideNameAuthed(
    @Param() params: Record<string, string>,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ) {
    return this.download(params, query, reply);
  }

  /** GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId} — client-server-api "Thumbnails". */
  @MatrixRoute(getContentThumbnailAuthed)
  getContentThumbnailAuthed(
    @Param() params: Record<string, string>,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ) {
    return this.thumbnail(params, query, reply);
  }

  /** GET /_matrix/media/v3/download/{serverName}/{mediaId} — deprecated, unauthenticated. */
  @MatrixRoute(getContent)
  getContent(@Param() params: Record<string, string>, @Query() query: Query, @Res() reply: FastifyReply) {
    return this.download(params, query, reply);
  }

  /** GET /_matrix/media/v3/download/{serverName}/{mediaId}/{fileName} — deprecated, unauthenticated. */
  @MatrixRoute(getContentOverrideName)
  getContentOverrideName(
    @Param() params: Record<string, string>,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ) {
    return this.download(params, query, reply);
  }

  /** GET /_matrix/media/v3/thumbnail/{serverName}/{mediaId} — deprecated, unauthenticated. */
  @MatrixRoute(getContentThumbnail)
  getContentThumbnail(
    @Param() params: Record<string, string>,
    @Query() query: Query,
    @Res() reply: FastifyReply,
  ) {
    return this.thumbnail(params, query, reply);
  }

  /**
   * "If the upload was made with a filename, this header MUST contain the same filename"; the
   * {fileName} variant "MUST contain the file name requested in the path".
   */
  private async download(params: Record<string, string>, query: Query, reply: FastifyReply): Promise<void> {
    const file = await this.files.get(mediaRef(params.serverName, params.mediaId), fetchOptions(query));
    void reply
      .status(200)
      .headers(mediaHeaders(file.contentType, params.fileName ?? file.uploadName))
      .send(file.bytes);
  }

  private async thumbnail(params: Record<string, string>, query: Query, reply: FastifyReply): Promise<void> {
    const request = thumbnailRequest(query);
    const served = await this.thumbnails.get(
      mediaRef(params.serverName, params.mediaId),
      request,
      fetchOptions(query),
    );
    if (served.kind === 'original') {
      void reply
        .status(200)
        .headers(mediaHeaders(served.file.contentType, served.file.uploadName))
        .send(served.file.bytes);
      return;
    }
    void reply.status(200).headers(thumbnailHeaders(served.contentType)).send(served.bytes);
  }
}
