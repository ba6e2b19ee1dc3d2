import { randomBytes } from 'node:crypto';

/** One body part: lower-case header names. */
export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

const CRLF = '\r\n';

/** A multipart/mixed body (RFC 2046 5.1) and its Content-Type with the boundary. */
export function buildMultipart(parts: Part[]): { contentType: string; body: Buffer } {
  const boundary = randomBytes(16).toString('hex');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}${CRLF}`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}${CRLF}${head}${CRLF}`, 'utf8'), part.body, Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The parts of a multipart body; undefined when `contentType` has no boundary or the body is malformed. */
export function parseMultipart(contentType: string | undefined, body: Buffer): Part[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!/^multipart\//i.test(contentType ?? '') || !match) return undefined;
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    const lineEnd = body.indexOf(CRLF, at);
    if (lineEnd < 0) return undefined;
    const headEnd = body.indexOf(CRLF + CRLF, lineEnd);
    // A part with no headers has its blank line right after the delimiter line.
    const headersEnd = body.subarray(lineEnd, lineEnd + 4).toString() === CRLF + CRLF ? lineEnd : headEnd;
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(Buffer.concat([Buffer.from(CRLF), delimiter]), headersEnd + 4);
    if (next < 0) return undefined;
    parts.push({
      headers: parseHeaders(body.subarray(lineEnd + 2, headersEnd).toString('utf8')),
      body: body.subarray(headersEnd + 4, next),
    });
    at = next + 2;
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(CRLF)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
