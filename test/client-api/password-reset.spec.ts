import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';
import { FakeSmtpServer } from './auth-fakes';

/** The link in a validation mail, pointed at the test server (public_baseurl is not it). */
function linkIn(mail: string, hs: TestHomeserver): string {
  const match = /(https?:\/\/\S+)/.exec(mail);
  if (!match) throw new Error(`no link in ${mail}`);
  const url = new URL(match[1]);
  return `${hs.baseUrl}${url.pathname}${url.search}`;
}

const RESET_TOKEN = '/_matrix/client/v3/account/password/email/requestToken';
const PASSWORD = '/_matrix/client/v3/account/password';

describe('client-server-api "Password management": resetting a forgotten password by e-mail', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = await new FakeSmtpServer().start();
    hs = await startTestHomeserver({
      email: { smtp_host: '127.0.0.1', smtp_port: smtp.port, notif_from: 'hs@test.local' },
    });
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
    await smtp?.stop();
  });

  const error = (status: number, errcode: string) => ({
    status,
    body: expect.objectContaining({ errcode }),
  });

  /** An account with `email` added through /account/3pid. */
  const accountWithEmail = async (name: string, email: string) => {
    const account = await api.register(name, `${name}-old`);
    const creds = await validate('/_matrix/client/v3/account/3pid/email/requestToken', email, `${name}-add`);
    const added = await api.call(
      'POST',
      '/_matrix/client/v3/account/3pid/add',
      {
        sid: creds.sid,
        client_secret: creds.client_secret,
        auth: {
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user: name },
          password: `${name}-old`,
        },
      },
      account.access_token,
    );
    expect(added.status).toBe(200);
    return account;
  };

  /** requestToken, then the mailed link; the session's sid and client_secret. */
  const validate = async (path: string, email: string, clientSecret: string) => {
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

  it('requestToken answers M_THREEPID_NOT_FOUND for an address no account has, 400 for bad input', async () => {
    expect(
      await api.call('POST', RESET_TOKEN, {
        client_secret: 's1',
        email: 'nobody@example.com',
        send_attempt: 1,
      }),
    ).toEqual(error(400, 'M_THREEPID_NOT_FOUND'));
    expect(await api.call('POST', RESET_TOKEN, { client_secret: 's1', email: 'x@example.com' })).toEqual(
      error(400, 'M_MISSING_PARAM'),
    );
    expect(
      await api.call('POST', RESET_TOKEN, {
        client_secret: 'bad secret',
        email: 'x@example.com',
        send_attempt: 1,
      }),
    ).toEqual(error(400, 'M_INVALID_PARAM'));
  });

  it('offers m.login.email.identity besides m.login.password', async () => {
    const first = await api.call('POST', PASSWORD, { new_password: 'x' });
    expect(first.status).toBe(401);
    expect(first.body.flows).toEqual([
      { stages: ['m.login.password'] },
      { stages: ['m.login.email.identity'] },
    ]);
  });

  it('resets the password without an access token once the mailed link is followed', async () => {
    const ann = await accountWithEmail('ann', 'ann@example.com');
    const creds = await validate(RESET_TOKEN, 'Ann@Example.com', 'reset1');
    const first = await api.call('POST', PASSWORD, { new_password: 'ann-new' });
    const done = await api.call('POST', PASSWORD, {
      new_password: 'ann-new',
      auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds },
    });
    expect(done).toEqual({ status: 200, body: {} });
    expect((await api.login('ann', 'ann-old')).status).toBe(403);
    expect((await api.login('ann', 'ann-new')).body.user_id).toBe('@ann:test.local');
    // logout_devices defaults to true: the old session is gone.
    expect(
      (await api.call('GET', '/_matrix/client/v3/account/whoami', undefined, ann.access_token)).body.errcode,
    ).toBe('M_UNKNOWN_TOKEN');
  });

  it('an unfollowed link does not authenticate, nor does an address of another account with a token', async () => {
    await accountWithEmail('cat', 'cat@example.com');
    const dan = await api.register('dan', 'dan-pw');
    const mail = smtp.nextMail();
    const requested = await api.call('POST', RESET_TOKEN, {
      client_secret: 'reset2',
      email: 'cat@example.com',
      send_attempt: 1,
    });
    const received = await mail;
    const creds = { sid: requested.body.sid, client_secret: 'reset2' };
    const first = await api.call('POST', PASSWORD, { new_password: 'cat-new' });
    const early = await api.call('POST', PASSWORD, {
      new_password: 'cat-new',
      auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds },
    });
    expect(early).toEqual(error(401, 'M_THREEPID_AUTH_FAILED'));

    expect((await fetch(linkIn(received.data, hs))).status).toBe(200);
    const asDan = await api.call('POST', PASSWORD, { new_password: 'cat-new' }, dan.access_token);
    const refused = await api.call(
      'POST',
      PASSWORD,
      {
        new_password: 'cat-new',
        auth: { type: 'm.login.email.identity', session: asDan.body.session, threepid_creds: creds },
      },
      dan.access_token,
    );
    expect(refused).toEqual(error(403, 'M_FORBIDDEN'));
    expect((await api.login('cat', 'cat-old')).status).toBe(200);
    expect((await api.login('dan', 'dan-pw')).status).toBe(200);
  });
});
