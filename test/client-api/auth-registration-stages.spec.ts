import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';
import { FakeHttpServer, FakeSmtpServer, json } from './auth-fakes';

/** The link in a validation mail, pointed at the test server (public_baseurl is not it). */
function linkIn(mail: string, hs: TestHomeserver): string {
  const match = /(https?:\/\/\S+)/.exec(mail);
  if (!match) throw new Error(`no link in ${mail}`);
  const url = new URL(match[1]);
  return `${hs.baseUrl}${url.pathname}${url.search}`;
}

describe('client-server-api "Authentication types": m.login.recaptcha and m.login.email.identity', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let recaptcha: FakeHttpServer;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    recaptcha = await new FakeHttpServer((req, res) => {
      const form = new URLSearchParams(req.body);
      json(res, 200, { success: form.get('secret') === 'the-secret' && form.get('response') === 'human' });
    }).start();
    smtp = await new FakeSmtpServer().start();
    hs = await startTestHomeserver({
      recaptcha: {
        public_key: 'the-site-key',
        private_key: 'the-secret',
        siteverify_api: `${recaptcha.origin}/recaptcha/api/siteverify`,
      },
      email: { smtp_host: '127.0.0.1', smtp_port: smtp.port, notif_from: 'hs@test.local' },
    });
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
    await recaptcha?.stop();
    await smtp?.stop();
  });

  const register = (body: Record<string, unknown>) => api.call('POST', '/_matrix/client/v3/register', body);

  /** requestToken, then the link of the mail it sends; the session's sid and client_secret. */
  const validateEmail = async (path: string, email: string, clientSecret: string) => {
    const mail = smtp.nextMail();
    const requested = await api.call('POST', path, { client_secret: clientSecret, email, send_attempt: 1 });
    expect(requested).toEqual({
      status: 200,
      body: { sid: expect.any(String), submit_url: expect.any(String) },
    });
    const received = await mail;
    expect(received.to).toEqual([`<${email.toLowerCase()}>`]);
    expect((await fetch(linkIn(received.data, hs))).status).toBe(200);
    return { sid: requested.body.sid as string, client_secret: clientSecret };
  };

  it('offers a flow of m.login.email.identity alone besides m.login.dummy', async () => {
    const first = await register({ username: 'flows', password: 'pw' });
    expect(first.status).toBe(401);
    expect(first.body.flows).toEqual([{ stages: ['m.login.dummy'] }, { stages: ['m.login.email.identity'] }]);
  });

  it('verifies a captcha response with the siteverify API, even where no flow needs it (as Synapse)', async () => {
    const first = await register({ username: 'captcha', password: 'pw' });
    const session = first.body.session;
    const wrong = await register({ auth: { type: 'm.login.recaptcha', response: 'robot', session } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(expect.objectContaining({ errcode: 'M_UNAUTHORIZED', completed: [] }));
    const right = await register({ auth: { type: 'm.login.recaptcha', response: 'human', session } });
    expect(right.status).toBe(401);
    expect(right.body.completed).toEqual(['m.login.recaptcha']);
    expect(recaptcha.requests.at(-1)?.url.pathname).toBe('/recaptcha/api/siteverify');
    const done = await register({ auth: { type: 'm.login.dummy', session } });
    expect(done.status).toBe(200);
  });

  it('registers with a validated e-mail address, which then logs in with the password', async () => {
    const creds = await validateEmail(
      '/_matrix/client/v3/register/email/requestToken',
      'Kim@Example.com',
      'secret1',
    );
    const first = await register({ username: 'kim', password: 'kim-pw' });
    const done = await register({
      username: 'kim',
      password: 'kim-pw',
      auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds },
    });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@kim:test.local');
    const threepids = await api.call(
      'GET',
      '/_matrix/client/v3/account/3pid',
      undefined,
      done.body.access_token as string,
    );
    expect(threepids.body).toEqual({
      threepids: [
        {
          medium: 'email',
          address: 'kim@example.com',
          validated_at: expect.any(Number),
          added_at: expect.any(Number),
        },
      ],
    });
    const login = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'KIM@example.com' },
      password: 'kim-pw',
    });
    expect(login.status).toBe(200);
    expect(login.body.user_id).toBe('@kim:test.local');
    const legacy = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      medium: 'email',
      address: 'kim@example.com',
      password: 'kim-pw',
    });
    expect(legacy.body.user_id).toBe('@kim:test.local');
    const taken = await api.call('POST', '/_matrix/client/v3/register/email/requestToken', {
      client_secret: 'secret2',
      email: 'kim@example.com',
      send_attempt: 1,
    });
    expect(taken).toEqual({ status: 400, body: expect.objectContaining({ errcode: 'M_THREEPID_IN_USE' }) });
  });

  it('an unvalidated session does not complete m.login.email.identity', async () => {
    const mail = smtp.nextMail();
    const requested = await api.call('POST', '/_matrix/client/v3/register/email/requestToken', {
      client_secret: 'secret3',
      email: 'lee@example.com',
      send_attempt: 1,
    });
    await mail;
    const first = await register({ username: 'lee', password: 'pw' });
    const attempt = await register({
      username: 'lee',
      password: 'pw',
      auth: {
        type: 'm.login.email.identity',
        session: first.body.session,
        threepid_creds: { sid: requested.body.sid, client_secret: 'secret3' },
      },
    });
    expect(attempt.status).toBe(401);
    expect(attempt.body.errcode).toBe('M_THREEPID_AUTH_FAILED');
  });

  it('adds a validated address to an account with POST /account/3pid; an unknown 3PID cannot log in', async () => {
    const mo = await api.register('mo', 'mo-pw');
    const creds = await validateEmail(
      '/_matrix/client/v3/account/3pid/email/requestToken',
      'mo@example.com',
      'secret4',
    );
    const added = await api.call(
      'POST',
      '/_matrix/client/v3/account/3pid',
      { three_pid_creds: creds },
      mo.access_token,
    );
    expect(added).toEqual({ status: 200, body: {} });
    const login = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'mo@example.com' },
      password: 'mo-pw',
    });
    expect(login.body.user_id).toBe('@mo:test.local');
    const unknown = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'nobody@example.com' },
      password: 'mo-pw',
    });
    expect(unknown).toEqual({ status: 403, body: expect.objectContaining({ errcode: 'M_FORBIDDEN' }) });
    const removed = await api.call(
      'POST',
      '/_matrix/client/v3/account/3pid/delete',
      { medium: 'email', address: 'mo@example.com' },
      mo.access_token,
    );
    expect(removed.status).toBe(200);
    expect(
      (await api.call('GET', '/_matrix/client/v3/account/3pid', undefined, mo.access_token)).body,
    ).toEqual({
      threepids: [],
    });
  });

  it('refuses a bad client_secret, address or missing send_attempt with 400', async () => {
    for (const body of [
      { client_secret: 'bad secret!', email: 'a@example.com', send_attempt: 1 },
      { client_secret: 'ok', email: 'not-an-address', send_attempt: 1 },
      { client_secret: 'ok', email: 'a@example.com' },
    ]) {
      const res = await api.call('POST', '/_matrix/client/v3/register/email/requestToken', body);
      expect(res.status).toBe(400);
    }
  });
});
