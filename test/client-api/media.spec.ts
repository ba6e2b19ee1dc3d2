import sharp from 'sharp';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { mediaClient, mxcPath, noisePng } from './media-client';

const MIB = 1024 * 1024;
const v1 = '/_matrix/client/v1/media';
const v3 = '/_matrix/media/v3';
const CSP =
  "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; object-src 'self';";

describe('client-server-api "Content repository"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof mediaClient>;
  let alice: { userId: string; token: string };
  let bob: { userId: string; token: string };
  let png: Buffer;
  let pngPath: string;

  beforeAll(async () => {
    hs = await startTestHomeserver({ limits: { max_request_body_bytes: MIB, max_upload_bytes: 8 * MIB } });
    c = mediaClient(hs);
    [alice, bob] = [await c.user('alice'), await c.user('bob')];
    png = await noisePng(1300, 1300);
    const uploaded = await c.upload(alice.token, png, 'image/png', 'noise.png');
    expect(uploaded.status).toBe(200);
    pngPath = mxcPath(uploaded.json().content_uri);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('GET /config gives m.upload.size, authenticated and deprecated', async () => {
    for (const path of [`${v1}/config`, `${v3}/config`]) {
      const res = await c.send('GET', path, { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ 'm.upload.size': 8 * MIB });
    }
    expect((await c.send('GET', `${v1}/config`)).status).toBe(401);
  });

  it('a 5 MB PNG uploads past max_request_body_bytes and downloads byte for byte with the spec headers', async () => {
    expect(png.length).toBeGreaterThan(5 * 1000 * 1000);
    expect(pngPath.startsWith(`${hs.config.server_name}/`)).toBe(true);
    const res = await c.send('GET', `${v1}/download/${pngPath}`, { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.bytes.equals(png)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="noise.png"');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('authenticated download needs a token; the deprecated one does not', async () => {
    expect((await c.send('GET', `${v1}/download/${pngPath}`)).status).toBe(401);
    const legacy = await c.send('GET', `${v3}/download/${pngPath}`);
    expect(legacy.status).toBe(200);
    expect(legacy.bytes.equals(png)).toBe(true);
  });

  it('the {fileName} download names the file in Content-Disposition', async () => {
    const res = await c.send('GET', `${v1}/download/${pngPath}/holiday%20photo.png`, { token: bob.token });
    expect(res.headers.get('content-disposition')).toBe('inline; filename="holiday photo.png"');
    const utf8 = await c.send('GET', `${v1}/download/${pngPath}/${encodeURIComponent('été.png')}`, {
      token: bob.token,
    });
    expect(utf8.headers.get('content-disposition')).toBe("inline; filename*=utf-8''%C3%A9t%C3%A9.png");
  });

  it('a 96x96 crop thumbnail is 96x96, inline, and the same bytes when asked again', async () => {
    const first = await c.send('GET', `${v1}/thumbnail/${pngPath}?width=96&height=96&method=crop`, {
      token: bob.token,
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('content-disposition')).toBe('inline; filename="thumbnail.png"');
    const { width, height } = await sharp(first.bytes).metadata();
    expect([width, height]).toEqual([96, 96]);
    const again = await c.send('GET', `${v3}/thumbnail/${pngPath}?width=96&height=96&method=crop`);
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it('a scale thumbnail keeps the aspect and is never smaller than asked', async () => {
    const res = await c.send('GET', `${v1}/thumbnail/${pngPath}?width=100&height=50&method=scale`, {
      token: bob.token,
    });
    const { width, height } = await sharp(res.bytes).metadata();
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(100);
  });

  it('an image smaller than the thumbnail asked for is served as it is (never upscaled)', async () => {
    const small = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const path = mxcPath((await c.upload(alice.token, small, 'image/png')).json().content_uri);
    const res = await c.send('GET', `${v1}/thumbnail/${path}?width=96&height=96&method=crop`, {
      token: bob.token,
    });
    expect(res.status).toBe(200);
    expect(res.bytes.equals(small)).toBe(true);
  });

  it('animated=true thumbnails an animated GIF as animated WebP; without it the thumbnail is static', async () => {
    const frame = (background: string) =>
      sharp({ create: { width: 200, height: 150, channels: 3, background } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } })
      .gif()
      .toBuffer();
    const path = mxcPath((await c.upload(alice.token, gif, 'image/gif')).json().content_uri);
    const thumb = (animated: string) =>
      c.send('GET', `${v1}/thumbnail/${path}?width=96&height=96&method=crop&animated=${animated}`, {
        token: bob.token,
      });
    const animated = await thumb('true');
    expect(animated.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(animated.bytes, { animated: true }).metadata();
    expect([meta.pages, meta.width, meta.pageHeight]).toEqual([2, 96, 96]);
    const still = await thumb('false');
    expect(still.headers.get('content-type')).toBe('image/png');
    expect((await sharp(still.bytes).metadata()).pages).toBeUndefined();
  });

  it('thumbnail parameters are checked; non-images cannot be thumbnailed', async () => {
    const thumb = (query: string) =>
      c.send('GET', `${v1}/thumbnail/${pngPath}?${query}`, { token: bob.token });
    expect((await thumb('width=96')).json().errcode).toBe('M_MISSING_PARAM');
    expect((await thumb('width=-1&height=96')).status).toBe(400);
    expect((await thumb('width=96&height=96&method=stretch')).status).toBe(400);
    const text = mxcPath(
      (await c.upload(alice.token, Buffer.from('hello'), 'text/plain')).json().content_uri,
    );
    const res = await c.send('GET', `${v1}/thumbnail/${text}?width=96&height=96`, { token: bob.token });
    expect(res.status).toBe(400);
  });

  it('an upload over limits.max_upload_bytes is 413 M_TOO_LARGE', async () => {
    const res = await c.upload(alice.token, Buffer.alloc(8 * MIB + 1), 'application/octet-stream');
    expect(res.status).toBe(413);
    expect(res.json().errcode).toBe('M_TOO_LARGE');
  });

  it('media IDs with ../ or other characters never reach the file system', async () => {
    for (const id of ['..%2F..%2Fhomeserver.yaml', '..', '.%2E', 'a.b', '%2Fetc%2Fpasswd', 'a%00b']) {
      const res = await c.send('GET', `${v1}/download/${hs.config.server_name}/${id}`, { token: bob.token });
      expect([400, 404]).toContain(res.status);
      expect(res.json().errcode).toMatch(/^M_(NOT_FOUND|INVALID_PARAM|UNRECOGNIZED)$/);
    }
    const badServer = await c.send('GET', `${v1}/download/bad%20server/abc`, { token: bob.token });
    expect(badServer.status).toBe(400);
    const unknown = await c.send('GET', `${v1}/download/${hs.config.server_name}/doesNotExist`, {
      token: bob.token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json().errcode).toBe('M_NOT_FOUND');
  });

  it("only the spec's safe types are inline; anything else is an attachment", async () => {
    const html = mxcPath(
      (await c.upload(alice.token, Buffer.from('<script>1</script>'), 'text/html', 'x.html')).json()
        .content_uri,
    );
    const res = await c.send('GET', `${v1}/download/${html}`, { token: bob.token });
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.html"');
    const bare = mxcPath((await c.upload(alice.token, Buffer.from('??'))).json().content_uri);
    const untyped = await c.send('GET', `${v1}/download/${bare}`, { token: bob.token });
    expect(untyped.headers.get('content-type')).toBe('application/octet-stream');
    expect(untyped.headers.get('content-disposition')).toBe('attachment');
  });

  it('a JSON file is stored as sent, not parsed as a request body', async () => {
    const body = Buffer.from('{"not": "parsed" ,  "kept":true}');
    const path = mxcPath((await c.upload(alice.token, body, 'application/json')).json().content_uri);
    const res = await c.send('GET', `${v1}/download/${path}`, { token: bob.token });
    expect(res.bytes.equals(body)).toBe(true);
    const broken = await c.upload(alice.token, Buffer.from('{nope'), 'application/json');
    expect(broken.status).toBe(200);
  });

  describe('POST /media/v1/create and PUT /media/v3/upload/{serverName}/{mediaId}', () => {
    it('creates an mxc:// URI that waits for its content, then takes it once', async () => {
      const before = Date.now();
      const created = await c.send('POST', '/_matrix/media/v1/create', { token: alice.token });
      expect(created.status).toBe(200);
      const { content_uri, unused_expires_at } = created.json() as {
        content_uri: string;
        unused_expires_at: number;
      };
      expect(unused_expires_at).toBeGreaterThanOrEqual(before + 24 * 60 * 60 * 1000);
      const path = mxcPath(content_uri);

      const waiting = await c.send('GET', `${v1}/download/${path}?timeout_ms=100`, { token: bob.token });
      expect(waiting.status).toBe(504);
      expect(waiting.json().errcode).toBe('M_NOT_YET_UPLOADED');

      const put = (token: string, body: string) =>
        c.send('PUT', `${v3}/upload/${path}?filename=late.txt`, {
          token,
          body: Buffer.from(body),
          contentType: 'text/plain',
        });
      const byBob = await put(bob.token, 'not yours');
      expect(byBob.status).toBe(403);
      expect(byBob.json().errcode).toBe('M_FORBIDDEN');

      const download = c.send('GET', `${v1}/download/${path}?timeout_ms=10000`, { token: bob.token });
      const first = await put(alice.token, 'at last');
      expect(first.status).toBe(200);
      expect(first.json()).toEqual({});
      const waited = await download;
      expect(waited.status).toBe(200);
      expect(waited.bytes.toString()).toBe('at last');
      expect(waited.headers.get('content-disposition')).toBe('inline; filename="late.txt"');

      const second = await put(alice.token, 'again');
      expect(second.status).toBe(409);
      expect(second.json().errcode).toBe('M_CANNOT_OVERWRITE_MEDIA');
    });

    it('an mxc:// URI that was never created is 404 M_NOT_FOUND', async () => {
      const res = await c.send('PUT', `${v3}/upload/${hs.config.server_name}/neverCreated`, {
        token: alice.token,
        body: Buffer.from('x'),
      });
      expect(res.status).toBe(404);
      expect(res.json().errcode).toBe('M_NOT_FOUND');
    });

    it('a user holding too many pending uploads gets 429 M_LIMIT_EXCEEDED', async () => {
      const carol = await c.user('carol');
      for (let i = 0; i < hs.config.media.max_pending_uploads; i++) {
        expect((await c.send('POST', '/_matrix/media/v1/create', { token: carol.token })).status).toBe(200);
      }
      const over = await c.send('POST', '/_matrix/media/v1/create', { token: carol.token });
      expect(over.status).toBe(429);
      expect(over.json().errcode).toBe('M_LIMIT_EXCEEDED');
    });
  });

  it('remote media with allow_remote=false is 404 without asking the origin', async () => {
    const res = await c.send('GET', `${v3}/download/elsewhere.example/abc?allow_remote=false`);
    expect(res.status).toBe(404);
  });
});
