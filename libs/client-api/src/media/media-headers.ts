import { contentDisposition, dispositionFor, MEDIA_CONTENT_SECURITY_POLICY } from '@switchboard/protocol';

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * The headers of served media (client-server-api "Content repository"): the recommended
 * Content-Security-Policy, `Cross-Origin-Resource-Policy: cross-origin` (added in v1.4), and a
 * Content-Disposition that is `inline` only for the types of "Serving inline content".
 */
export function mediaHeaders(
  contentType: string | null,
  fileName: string | null | undefined,
): Record<string, string> {
  const type = contentType || DEFAULT_CONTENT_TYPE;
  return {
    'content-type': type,
    'content-disposition': contentDisposition(dispositionFor(type), fileName),
    'content-security-policy': MEDIA_CONTENT_SECURITY_POLICY,
    'cross-origin-resource-policy': 'cross-origin',
  };
}

/** A thumbnail "MUST be `inline`, and SHOULD contain a file name (e.g. `thumbnail.png`)". */
export function thumbnailHeaders(contentType: string): Record<string, string> {
  const extension = contentType.split('/')[1];
  return {
    'content-type': contentType,
    'content-disposition': contentDisposition('inline', `thumbnail.${extension}`),
    'content-security-policy': MEDIA_CONTENT_SECURITY_POLICY,
    'cross-origin-resource-policy': 'cross-origin',
  };
}
