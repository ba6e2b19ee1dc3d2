import { Endpoint } from '../endpoint.types';

const v1 = (operationId: string, method: Endpoint['method'], path: string): Endpoint => ({
  operationId,
  method,
  path: `/_matrix/client/v1/media${path}`,
  auth: 'access_token',
  section: 'authed-content-repo',
});

const legacy = (
  operationId: string,
  method: Endpoint['method'],
  path: string,
  auth: Endpoint['auth'],
): Endpoint => ({
  operationId,
  method,
  path: `/_matrix/media${path}`,
  auth,
  section: 'content-repo',
});

/** client-server-api "POST /_matrix/media/v3/upload". */
export const uploadContent = {
  ...legacy('uploadContent', 'POST', '/v3/upload', 'access_token'),
  rateLimited: true,
};
/** client-server-api "PUT /_matrix/media/v3/upload/{serverName}/{mediaId}". */
export const uploadContentToMXC = {
  ...legacy('uploadContentToMXC', 'PUT', '/v3/upload/{serverName}/{mediaId}', 'access_token'),
  rateLimited: true,
};
/** client-server-api "POST /_matrix/media/v1/create". */
export const createContent = {
  ...legacy('createContent', 'POST', '/v1/create', 'access_token'),
  rateLimited: true,
};

/** client-server-api "GET /_matrix/client/v1/media/download/{serverName}/{mediaId}". */
export const getContentAuthed = v1('getContentAuthed', 'GET', '/download/{serverName}/{mediaId}');
/** client-server-api "GET /_matrix/client/v1/media/download/{serverName}/{mediaId}/{fileName}". */
export const getContentOverrideNameAuthed = v1(
  'getContentOverrideNameAuthed',
  'GET',
  '/download/{serverName}/{mediaId}/{fileName}',
);
/** client-server-api "GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId}". */
export const getContentThumbnailAuthed = v1(
  'getContentThumbnailAuthed',
  'GET',
  '/thumbnail/{serverName}/{mediaId}',
);
/** client-server-api "GET /_matrix/client/v1/media/preview_url". */
export const getUrlPreviewAuthed = v1('getUrlPreviewAuthed', 'GET', '/preview_url');
/** client-server-api "GET /_matrix/client/v1/media/config". */
export const getConfigAuthed = v1('getConfigAuthed', 'GET', '/config');

/** client-server-api "GET /_matrix/media/v3/download/{serverName}/{mediaId}" (deprecated). */
export const getContent = legacy('getContent', 'GET', '/v3/download/{serverName}/{mediaId}', 'none');
/** client-server-api "GET /_matrix/media/v3/download/{serverName}/{mediaId}/{fileName}" (deprecated). */
export const getContentOverrideName = legacy(
  'getContentOverrideName',
  'GET',
  '/v3/download/{serverName}/{mediaId}/{fileName}',
  'none',
);
/** client-server-api "GET /_matrix/media/v3/thumbnail/{serverName}/{mediaId}" (deprecated). */
export const getContentThumbnail = legacy(
  'getContentThumbnail',
  'GET',
  '/v3/thumbnail/{serverName}/{mediaId}',
  'none',
);
/** client-server-api "GET /_matrix/media/v3/preview_url" (deprecated). */
export const getUrlPreview = legacy('getUrlPreview', 'GET', '/v3/preview_url', 'access_token');
/** client-server-api "GET /_matrix/media/v3/config" (deprecated). */
export const getConfig = legacy('getConfig', 'GET', '/v3/config', 'access_token');

/**
 * client-server-api "Matrix Content (mxc://) URIs": "The media-id segment MUST consist of only
 * alphanumeric (A-Za-z0-9), _ and - characters", which also keeps `../` out of any path built from it.
 */
export const MEDIA_ID = /^[A-Za-z0-9_-]{1,255}$/;

/** `mxc://<server-name>/<media-id>`. */
export function mxcUri(serverName: string, mediaId: string): string {
  return `mxc://${serverName}/${mediaId}`;
}

/** client-server-api "Serving inline content": the types a server may serve with `inline`. */
export const INLINE_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'text/css',
  'text/plain',
  'text/csv',
  'application/json',
  'application/ld+json',
  'image/jpeg',
  'image/gif',
  'image/png',
  'image/apng',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'video/quicktime',
  'audio/mp4',
  'audio/webm',
  'audio/aac',
  'audio/mpeg',
  'audio/ogg',
  'audio/wave',
  'audio/wav',
  'audio/x-wav',
  'audio/x-pn-wav',
  'audio/flac',
  'audio/x-flac',
]);

/** client-server-api "Content repository": the recommended Content-Security-Policy for served content. */
export const MEDIA_CONTENT_SECURITY_POLICY =
  "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; object-src 'self';";

/** GET /media/config's answer. */
export interface MediaConfig {
  'm.upload.size'?: number;
}

/** POST /media/v1/create's answer. */
export interface CreatedContent {
  content_uri: string;
  unused_expires_at: number;
}

/** "Serving inline content": `inline` for the listed types, `attachment` for any other. */
export function dispositionFor(contentType: string): 'inline' | 'attachment' {
  return INLINE_CONTENT_TYPES.has(contentType.split(';')[0].trim().toLowerCase()) ? 'inline' : 'attachment';
}

/** A filename that can go in a quoted-string as it is (RFC 6266): printable ASCII, no `"` or `\`. */
const PLAIN_FILENAME = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

/** `inline; filename="a.png"`, or RFC 6266's `filename*=utf-8''...` for any other name. */
export function contentDisposition(
  kind: 'inline' | 'attachment',
  fileName: string | null | undefined,
): string {
  if (!fileName) return kind;
  if (PLAIN_FILENAME.test(fileName)) return `${kind}; filename="${fileName}"`;
  return `${kind}; filename*=utf-8''${encodeRfc5987(fileName)}`;
}

/** The filename of a Content-Disposition header, either form; undefined when it has none. */
export function fileNameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return undefined;
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(disposition);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const token = /filename\s*=\s*([^;\s]+)/i.exec(disposition);
  return token?.[1];
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
