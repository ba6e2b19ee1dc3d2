import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';
import { FakeHttpServer } from './auth-fakes';

const PUBLIC_BASEURL = 'https://hs.test.local';
const REDIRECT_URL = 'https://client.example/?p=http%3A%2F%2Fserver';

function casSuccess(user: string): string {
  return `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationSuccess><cas:user>${user}</cas:user><cas:attributes></cas:attributes></cas:authenticationSuccess>
  </cas:serviceResponse>`;
}

describe('client-server-api "Client login via SSO" with a CAS server, and m.login.token', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let cas: FakeHttpServer;
  /** What the fake CAS says of the next ticket. */
  let casAnswer = '';

  beforeAll(async () => {
    cas = await new FakeHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(casAnswer);
    }).start();
    hs = await startTestHomeserver({
      public_baseurl: PUBLIC_BASEURL,
      cas: { server_url: `${cas.origin}/cas` },
    });
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
    await cas?.stop();
  });

  /** The ticket endpoint as the browser reaches it: the service URL, with CAS's ticket. */
  const ticket = async (service: string, user: string) => {
    casAnswer = casSuccess(user);
    const url = new URL(`${service}&ticket=goldenticket`);
    return fetch(`${hs.baseUrl}${url.pathname}${url.search}`, { redirect: 'manual' });
  };

  const serviceOf = (location: string) => new URL(location).searchParams.get('service')!;

  it('GET /login lists m.login.sso, m.login.cas and m.login.token besides m.login.password', async () => {
    expect((await api.call('GET', '/_matrix/client/v3/login')).body).toEqual({
      flows: [
        { type: 'm.login.password' },
        { type: 'm.login.sso' },
        { type: 'm.login.cas' },
        { type: 'm.login.token' },
      ],
    });
  });

  it('redirects to CAS, validates the ticket, registers the new user and logs in with the login token once', async () => {
    for (const path of [
      '/_matrix/client/v3/login/sso/redirect',
      '/_matrix/client/v3/login/sso/redirect/cas',
      '/_matrix/client/v3/login/cas/redirect',
    ]) {
      const res = await fetch(`${hs.baseUrl}${path}?redirectUrl=${encodeURIComponent(REDIRECT_URL)}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      expect(location.startsWith(`${cas.origin}/cas/login?service=`)).toBe(true);
      expect(serviceOf(location)).toBe(
        `${PUBLIC_BASEURL}/_matrix/client/r0/login/cas/ticket?redirectUrl=${encodeURIComponent(REDIRECT_URL)}`,
      );
    }
    const unknownIdp = await fetch(
      `${hs.baseUrl}/_matrix/client/v3/login/sso/redirect/saml?redirectUrl=${encodeURIComponent(REDIRECT_URL)}`,
      { redirect: 'manual' },
    );
    expect(unknownIdp.status).toBe(404);
    expect(((await unknownIdp.json()) as { errcode: string }).errcode).toBe('M_NOT_FOUND');
    const redirect = await fetch(
      `${hs.baseUrl}/_matrix/client/v3/login/sso/redirect?redirectUrl=${encodeURIComponent(REDIRECT_URL)}`,
      { redirect: 'manual' },
    );
    const service = serviceOf(redirect.headers.get('location')!);
    const page = await ticket(service, 'CAS_User!');
    expect(page.status).toBe(200);
    const validation = cas.requests.at(-1)!;
    expect(validation.url.pathname).toBe('/cas/proxyValidate');
    expect(validation.url.searchParams.get('ticket')).toBe('goldenticket');
    expect(validation.url.searchParams.get('service')).toBe(service);
    const html = await page.text();
    const token = /loginToken=([^"&]+)/.exec(html)?.[1];
    expect(html).toContain(REDIRECT_URL.replace(/&/g, '&amp;'));
    expect(token).toBeDefined();
    const login = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.token',
      token: decodeURIComponent(token!),
    });
    expect(login.status).toBe(200);
    expect(login.body.user_id).toBe('@cas_user=21:test.local');
    const again = await api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.token',
      token: decodeURIComponent(token!),
    });
    expect(again).toEqual({ status: 403, body: expect.objectContaining({ errcode: 'M_FORBIDDEN' }) });
  });

  it('a ticket CAS does not accept is 403, and no login token is made', async () => {
    casAnswer = `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
      <cas:authenticationFailure code="INVALID_TICKET">no</cas:authenticationFailure></cas:serviceResponse>`;
    const res = await fetch(
      `${hs.baseUrl}/_matrix/client/r0/login/cas/ticket?redirectUrl=${encodeURIComponent(REDIRECT_URL)}&ticket=t`,
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(expect.objectContaining({ errcode: 'M_FORBIDDEN' }));
  });

  it('offers m.login.sso in UIA and completes it for the same user; another user is refused with 403', async () => {
    const pat = await api.register('pat');
    const second = await api.login('pat', 'correct horse', { device_id: 'SECOND' });
    expect(second.status).toBe(200);
    const deleteDevice = (auth?: unknown) =>
      api.call(
        'DELETE',
        '/_matrix/client/v3/devices/SECOND',
        auth === undefined ? {} : { auth },
        pat.access_token,
      );
    const challenge = await deleteDevice();
    expect(challenge.status).toBe(401);
    expect(challenge.body.flows).toEqual([{ stages: ['m.login.password'] }, { stages: ['m.login.sso'] }]);
    const session = challenge.body.session as string;
    const base = `${PUBLIC_BASEURL}/_matrix/client/r0/login/cas/ticket?session=${session}`;
    const done = await ticket(base, 'pat');
    expect(done.status).toBe(200);
    expect((await deleteDevice({ session })).status).toBe(200);

    const third = await api.login('pat', 'correct horse', { device_id: 'SECOND' });
    expect(third.status).toBe(200);
    const next = (await deleteDevice()).body.session as string;
    await ticket(`${PUBLIC_BASEURL}/_matrix/client/r0/login/cas/ticket?session=${next}`, 'someone_else');
    expect((await deleteDevice({ session: next })).status).toBe(403);
  });
});
