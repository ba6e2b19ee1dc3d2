import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { mediaClient, mxcPath } from './media-client';

const PAGE = `<!doctype html>
<html prefix="og: http://ogp.me/ns#"><head>
<title>The Rock (1996)</title>
<meta property="og:title" content="The Rock" />
<meta property="og:type" content="video.movie" />
<meta property="og:url" content="http://www.imdb.com/title/tt0117500/" />
<meta property="og:image" content="rock.png" />
<meta name="description" content="Alcatraz &amp; more" />
</head><body><meta property="og:title" content="not in the head"></body></html>`;

/** client-server-api GET /preview_url: OpenGraph from a page on 127.0.0.1, reachable only by allowlist. */
describe('client-server-api "Content repository": URL previews', () => {
  let hs: TestHomeserver;
  let site: Server;
  let base: string;
  let image: Buffer;
  let c: ReturnType<typeof mediaClient>;
  let token: string;

  beforeAll(async () => {
    image = await sharp({ create: { width: 279, height: 129, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    site = createServer((req, res) => {
      if (req.url === '/page.html')
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      else if (req.url === '/rock.png') res.writeHead(200, { 'content-type': 'image/png' }).end(image);
      else if (req.url === '/moved') res.writeHead(302, { location: '/page.html' }).end();
      else if (req.url === '/to-private') res.writeHead(302, { location: 'http://10.1.2.3/x' }).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    hs = await startTestHomeserver({ media: { url_preview_ip_range_allowlist: ['127.0.0.0/8'] } });
    c = mediaClient(hs);
    token = (await c.user('previewer')).token;
  });
  afterAll(async () => {
    await hs?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  const preview = (url: string, path = '/_matrix/client/v1/media/preview_url') =>
    c.send('GET', `${path}?url=${encodeURIComponent(url)}`, { token });

  it('gives the OpenGraph data with og:image stored as media of this server', async () => {
    for (const path of ['/_matrix/client/v1/media/preview_url', '/_matrix/media/v3/preview_url']) {
      const res = await preview(`${base}/page.html`, path);
      expect(res.status).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        'og:title': 'The Rock',
        'og:type': 'video.movie',
        'og:url': 'http://www.imdb.com/title/tt0117500/',
        'og:description': 'Alcatraz & more',
        'og:image:type': 'image/png',
        'og:image:width': 279,
        'og:image:height': 129,
        'matrix:image:size': image.length,
      });
      const stored = await c.send('GET', `/_matrix/client/v1/media/download/${mxcPath(body['og:image'])}`, {
        token,
      });
      expect(stored.bytes.equals(image)).toBe(true);
    }
  });

  it('follows redirects, each one checked against the deny list', async () => {
    expect((await preview(`${base}/moved`)).json()['og:title']).toBe('The Rock');
    const denied = await preview(`${base}/to-private`);
    expect(denied.status).toBe(502);
    expect(denied.json().errcode).toBe('M_UNKNOWN');
  });

  it('never fetches from private or loopback addresses outside the allowlist', async () => {
    for (const url of ['http://10.0.0.1/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data/']) {
      const res = await preview(url);
      expect(res.status).toBe(502);
      expect(res.json().errcode).toBe('M_UNKNOWN');
    }
  });

  it('answers 502 M_UNKNOWN when nothing can be fetched, 400 for what is not an http(s) URL', async () => {
    expect((await preview(`${base}/missing`)).status).toBe(502);
    expect((await preview('ftp://example.org/')).status).toBe(400);
    expect((await c.send('GET', '/_matrix/client/v1/media/preview_url', { token })).status).toBe(400);
    expect((await c.send('GET', `/_matrix/client/v1/media/preview_url?url=${base}/page.html`)).status).toBe(
      401,
    );
  });
});
