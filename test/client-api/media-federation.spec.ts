import { rmSync } from 'node:fs';
import { request } from 'node:https';
import sharp from 'sharp';
import { FederationClient } from '@switchboard/federation';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';
import { mediaClient, mxcPath } from './media-client';

const v1 = '/_matrix/client/v1/media';

/**
 * Remote media: B's users download A's uploads through B, which fetches them once over
 * server-server-api GET /_matrix/federation/v1/media/download/{mediaId} (multipart/mixed) and
 * serves them from its own store afterwards.
 */
describe('client-server-api "Content repository": media of another server', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-media-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let clientA: ReturnType<typeof mediaClient>;
  let clientB: ReturnType<typeof mediaClient>;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([
      startFederatingHomeserver(portA, { certificate, key }),
      startFederatingHomeserver(portB, { certificate, key }),
    ]);
    clientA = mediaClient(a);
    clientB = mediaClient(b);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads, caches and thumbnails a remote image with its name and type', async () => {
    const alice = await clientA.user('alice');
    const bob = await clientB.user('bob');
    const image = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#aa3300' } })
      .jpeg()
      .toBuffer();
    const uploaded = await clientA.upload(alice.token, image, 'image/jpeg', 'été.jpg');
    const path = mxcPath(uploaded.json().content_uri);
    expect(path.startsWith(`${a.config.server_name}/`)).toBe(true);

    const res = await clientB.send('GET', `${v1}/download/${path}`, { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.bytes.equals(image)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe("inline; filename*=utf-8''%C3%A9t%C3%A9.jpg");

    const thumb = await clientB.send('GET', `${v1}/thumbnail/${path}?width=32&height=32&method=crop`, {
      token: bob.token,
    });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const { width, height } = await sharp(thumb.bytes).metadata();
    expect([width, height]).toEqual([32, 32]);

    // Cached: B answers even when told not to ask A.
    const cached = await clientB.send('GET', `${v1}/download/${path}?allow_remote=false`, {
      token: bob.token,
    });
    expect(cached.bytes.equals(image)).toBe(true);
  });

  it('unknown remote media is 404 M_NOT_FOUND, relayed from the origin', async () => {
    const bob = await clientB.user('bob');
    const res = await clientB.send('GET', `${v1}/download/${a.config.server_name}/noSuchMedia`, {
      token: bob.token,
    });
    expect(res.status).toBe(404);
    expect(res.json().errcode).toBe('M_NOT_FOUND');
  });

  it('serves multipart/mixed: the {} metadata part, then the file with its headers', async () => {
    const bob = await clientB.user('bob');
    const uploaded = await clientB.upload(bob.token, Buffer.from('plain words'), 'text/plain', 'words.txt');
    const mediaId = mxcPath(uploaded.json().content_uri).split('/')[1];
    const answer = await a.app
      .get(FederationClient)
      .requestBytes(
        b.config.server_name,
        { method: 'GET', path: `/_matrix/federation/v1/media/download/${mediaId}` },
        'multipart/mixed',
      );
    expect(answer.status).toBe(200);
    const boundary = /^multipart\/mixed; boundary=(.+)$/.exec(String(answer.headers['content-type']))?.[1];
    expect(boundary).toBeDefined();
    expect(answer.body.toString('utf8')).toBe(
      [
        `--${boundary}`,
        'Content-Type: application/json',
        '',
        '{}',
        `--${boundary}`,
        'Content-Type: text/plain',
        'Content-Disposition: inline; filename="words.txt"',
        '',
        'plain words',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
  });

  it('the federation endpoints refuse an unsigned request', async () => {
    const res = await unsignedGet(b.addresses[1].port, '/_matrix/federation/v1/media/download/abc');
    expect(res).toBe(401);
  });
});

function unsignedGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
