import { Injectable } from '@nestjs/common';
import { fileNameOf, MatrixError } from '@switchboard/protocol';
import { MediaFile, RemoteMedia } from '@switchboard/rooms';
import { FederationClient } from '../transport/federation-client';
import { FederationRemoteError } from '../transport/federation-remote.error';
import { FederationTransportError } from '../transport/federation-transport.error';
import { HttpsResponse, HttpsTransport } from '../transport/https-transport';
import { parseMultipart } from './multipart-mixed';

/** Room for the multipart framing and the JSON part around the file itself. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Other servers' media over federation: server-server-api "Content Repository" GET
 * /_matrix/federation/v1/media/download/{mediaId}, a multipart/mixed answer whose second part is
 * the file or a `Location` to fetch it from. Servers from before Matrix 1.11 answer that endpoint
 * with 404 M_UNRECOGNIZED; they are asked the old /_matrix/media/v3/download instead, as Synapse does.
 */
@Injectable()
export class RemoteMediaClient implements RemoteMedia {
  constructor(
    private readonly client: FederationClient,
    private readonly transport: HttpsTransport,
  ) {}

  async download(
    origin: string,
    mediaId: string,
    options: { maxBytes: number; timeoutMs: number },
  ): Promise<MediaFile> {
    const id = encodeURIComponent(mediaId);
    const answer = await this.get(
      origin,
      `/_matrix/federation/v1/media/download/${id}?timeout_ms=${options.timeoutMs}`,
      options,
      'multipart/mixed',
    );
    if (isUnrecognized(answer)) {
      const legacy = await this.get(
        origin,
        `/_matrix/media/v3/download/${encodeURIComponent(origin)}/${id}?allow_remote=false&timeout_ms=${options.timeoutMs}`,
        options,
        '*/*',
      );
      checkStatus(origin, legacy);
      return fileOf(legacy.headers['content-type'], legacy.headers['content-disposition'], legacy.body);
    }
    checkStatus(origin, answer);
    const parts = parseMultipart(answer.headers['content-type'], answer.body);
    if (!parts || parts.length < 2)
      throw new FederationTransportError(origin, 'bad_response', 'not a multipart/mixed media answer');
    const media = parts[1];
    if (media.headers.location) return this.redirected(origin, media.headers.location, options);
    return fileOf(media.headers['content-type'], media.headers['content-disposition'], media.body);
  }

  private async get(
    origin: string,
    path: string,
    options: { maxBytes: number; timeoutMs: number },
    accept: string,
  ): Promise<HttpsResponse> {
    try {
      return await this.client.requestBytes(
        origin,
        {
          method: 'GET',
          path,
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxBytes + FRAMING_BYTES,
        },
        accept,
      );
    } catch (err) {
      throw tooLargeOr(err);
    }
  }

  /** "a `Location` header to redirect the caller to where the media can be retrieved"; not cached. */
  private async redirected(
    origin: string,
    location: string,
    options: { maxBytes: number; timeoutMs: number },
  ): Promise<MediaFile> {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new FederationTransportError(origin, 'bad_response', 'the media Location is not a URL');
    }
    if (url.protocol !== 'https:')
      throw new FederationTransportError(origin, 'bad_response', 'the media Location is not https');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let answer: HttpsResponse;
    try {
      answer = await this.transport.send(
        origin,
        { host, port: Number(url.port || 443), hostHeader: url.host, tlsName: host },
        {
          method: 'GET',
          path: url.pathname + url.search,
          headers: {},
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxBytes,
        },
      );
    } catch (err) {
      throw tooLargeOr(err);
    }
    checkStatus(origin, answer);
    return fileOf(answer.headers['content-type'], answer.headers['content-disposition'], answer.body);
  }
}

function fileOf(contentType: string | undefined, disposition: string | undefined, bytes: Buffer): MediaFile {
  const fileName = fileNameOf(disposition);
  return { contentType: contentType || 'application/octet-stream', ...(fileName ? { fileName } : {}), bytes };
}

function isUnrecognized(answer: HttpsResponse): boolean {
  if (answer.status !== 404 && answer.status !== 400 && answer.status !== 405) return false;
  return (
    errcodeOf(answer.body) === 'M_UNRECOGNIZED' ||
    (answer.status === 404 && errcodeOf(answer.body) === undefined)
  );
}

function checkStatus(origin: string, answer: HttpsResponse): void {
  if (answer.status >= 200 && answer.status < 300) return;
  throw new FederationRemoteError(origin, answer.status, jsonOf(answer.body));
}

/** "Remote homeservers may host very large files ... returning a HTTP 502 error with the M_TOO_LARGE code." */
function tooLargeOr(err: unknown): unknown {
  if (err instanceof FederationTransportError && err.failure === 'too_large') {
    return new MatrixError('M_TOO_LARGE', 502, 'Content is too large to serve');
  }
  return err;
}

function errcodeOf(body: Buffer): string | undefined {
  const json = jsonOf(body);
  return typeof json === 'object' && json !== null && 'errcode' in json && typeof json.errcode === 'string'
    ? json.errcode
    : undefined;
}

function jsonOf(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
