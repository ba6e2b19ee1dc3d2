import sharp from 'sharp';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

export interface MediaReply {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: () => Record<string, unknown>;
}

/** Raw-bytes requests for the media endpoints, plus users registered over HTTP. */
export function mediaClient(hs: TestHomeserver) {
  const api = client(hs);
  let counter = 0;

  const user = async (prefix = 'm') => {
    const done = await api.register(`${prefix}${++counter}${Date.now().toString(36)}`);
    return { userId: done.user_id, token: done.access_token };
  };

  const send = async (
    method: string,
    path: string,
    options: { token?: string; body?: Buffer; contentType?: string } = {},
  ): Promise<MediaReply> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.contentType) headers['content-type'] = options.contentType;
    const res = await fetch(`${hs.baseUrl}${path}`, { method, headers, body: options.body });
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      bytes,
      json: () => JSON.parse(bytes.toString('utf8')),
    };
  };

  const upload = async (token: string, body: Buffer, contentType?: string, fileName?: string) => {
    const query = fileName === undefined ? '' : `?filename=${encodeURIComponent(fileName)}`;
    return send('POST', `/_matrix/media/v3/upload${query}`, { token, body, contentType });
  };

  return { api, user, send, upload };
}

/** A PNG of random pixels (it does not compress): about width * height * 3 bytes. */
export async function noisePng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** The path part of an mxc:// URI: `<server>/<mediaId>`. */
export function mxcPath(uri: unknown): string {
  const match = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/.exec(String(uri));
  if (!match) throw new Error(`not an mxc:// URI: ${String(uri)}`);
  return `${match[1]}/${match[2]}`;
}
