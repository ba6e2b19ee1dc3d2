import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { FakeHttpServer, json, selfSignedCertificate } from './auth-fakes';
import { roomsClient, v3 } from './rooms-client';

/** client-server-api POST /account/3pid/bind and /unbind, against a fake identity server. */
describe('3PID associations on identity servers', () => {
  let hs: TestHomeserver;
  let identity: FakeHttpServer;
  /** medium\0address → mxid, as the fake identity server holds them. */
  const bound = new Map<string, string>();

  beforeAll(async () => {
    identity = await new FakeHttpServer((req, res) => {
      const body = req.body ? JSON.parse(req.body) : {};
      if (req.url.pathname === '/_matrix/identity/v2/3pid/bind') {
        if (req.headers.authorization !== 'Bearer id-token')
          return json(res, 401, { errcode: 'M_UNAUTHORIZED' });
        bound.set(`email\u0000${body.sid}@example.org`, body.mxid);
        return json(res, 200, { medium: 'email', address: `${body.sid}@example.org`, mxid: body.mxid });
      }
      if (req.url.pathname === '/_matrix/identity/v2/3pid/unbind') {
        const key = `${body.threepid.medium}\u0000${body.threepid.address}`;
        if (!String(req.headers.authorization).startsWith('X-Matrix ') || bound.get(key) !== body.mxid) {
          return json(res, 404, { errcode: 'M_NOT_FOUND' });
        }
        bound.delete(key);
        return json(res, 200, {});
      }
      json(res, 404, { errcode: 'M_UNRECOGNIZED' });
    }, selfSignedCertificate()).start();
    hs = await startTestHomeserver({ identity_servers: { verify_certificates: false } });
  });
  afterAll(async () => {
    await hs?.stop();
    await identity?.stop();
  });

  it('binds through the identity server and unbinds where it was bound, on /unbind and /3pid/delete', async () => {
    const c = roomsClient(hs);
    const alice = await c.user('alice');
    const bind = (sid: string) =>
      alice.call('POST', `${v3}/account/3pid/bind`, {
        id_server: identity.host,
        id_access_token: 'id-token',
        sid,
        client_secret: 'secret',
      });
    expect(await bind('one')).toEqual({ status: 200, body: {} });
    expect(bound.get('email\u0000one@example.org')).toBe(alice.id);
    expect(
      await alice.call('POST', `${v3}/account/3pid/unbind`, { medium: 'email', address: 'one@example.org' }),
    ).toEqual({ status: 200, body: { id_server_unbind_result: 'success' } });
    expect(bound.has('email\u0000one@example.org')).toBe(false);
    // Nothing left that this server knows of.
    expect(
      (await alice.call('POST', `${v3}/account/3pid/unbind`, { medium: 'email', address: 'one@example.org' }))
        .body,
    ).toEqual({ id_server_unbind_result: 'no-support' });

    expect((await bind('two')).status).toBe(200);
    expect(
      await alice.call('POST', `${v3}/account/3pid/delete`, { medium: 'email', address: 'two@example.org' }),
    ).toEqual({ status: 200, body: { id_server_unbind_result: 'success' } });
    expect(bound.has('email\u0000two@example.org')).toBe(false);
  });
});
