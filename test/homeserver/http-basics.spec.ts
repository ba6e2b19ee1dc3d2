import { json } from '../support/http';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

describe('homeserver HTTP basics (client-server-api "API Standards")', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver({ limits: { max_request_body_bytes: 64 * 1024 } });
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const get = (path: string, init?: RequestInit) => fetch(`${hs.baseUrl}${path}`, init);

  it('GET /_matrix/client/versions lists spec versions', async () => {
    const res = await get('/_matrix/client/versions');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.versions).toEqual(expect.arrayContaining(['v1.1', 'v1.12']));
  });

  it('GET /.well-known/matrix/client points at public_baseurl', async () => {
    const res = await get('/.well-known/matrix/client');
    expect(await json(res)).toEqual({
      'm.homeserver': { base_url: hs.config.public_baseurl!.replace(/\/$/, '') },
    });
  });

  it('GET /.well-known/matrix/server names a host and port', async () => {
    const body = await json(await get('/.well-known/matrix/server'));
    expect(body['m.server']).toMatch(/^[^:]+:\d+$/);
  });

  it('unknown endpoints are 404 M_UNRECOGNIZED', async () => {
    const res = await get('/_matrix/client/v3/no/such/thing');
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({ errcode: 'M_UNRECOGNIZED', error: expect.any(String) });
  });

  it('a known endpoint with the wrong method is 405 M_UNRECOGNIZED', async () => {
    const res = await get('/_matrix/client/versions', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(405);
    expect((await json(res)).errcode).toBe('M_UNRECOGNIZED');
  });

  it('malformed JSON is 400 M_NOT_JSON', async () => {
    const res = await get('/_matrix/client/versions', {
      method: 'PUT',
      body: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).errcode).toBe('M_NOT_JSON');
  });

  it('a body over the limit is 413 M_TOO_LARGE', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(hs.config.limits.max_request_body_bytes + 1) });
    const res = await get('/_matrix/client/versions', {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect((await json(res)).errcode).toBe('M_TOO_LARGE');
  });

  it('answers CORS preflights and sets CORS headers on every response', async () => {
    const pre = await get('/_matrix/client/v3/login', { method: 'OPTIONS' });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
    const res = await get('/_matrix/client/nothing');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('GET /health reports the database and queue backends', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      status: 'ok',
      database: { kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', reachable: true },
      redis: { kind: 'in-process', reachable: true },
      bridges: [],
    });
  });

  it('GET /metrics is Prometheus text with request metrics', async () => {
    await get('/_matrix/client/versions');
    const res = await get('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'switchboard_http_request_duration_seconds_count{method="GET",route="/_matrix/client/versions",status="200"}',
    );
    expect(text).toContain('switchboard_process_cpu_seconds_total');
  });

  it('a malformed URL gets a Matrix error body, never a stack trace', async () => {
    const res = await get('/_matrix/client/v3/rooms/%ZZ/state');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ errcode: expect.stringMatching(/^M_/), error: expect.any(String) });
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
