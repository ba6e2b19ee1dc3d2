import { createHmac } from 'node:crypto';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

const URL = '/_synapse/admin/v1/register';

/** What synapse/_scripts/register_new_matrix_user.py sends. */
function mac(
  secret: string,
  nonce: string,
  username: string,
  password: string,
  admin: boolean,
  userType?: string,
) {
  const text = [
    nonce,
    username,
    password,
    admin ? 'admin' : 'notadmin',
    ...(userType ? [userType] : []),
  ].join('\0');
  return createHmac('sha1', secret).update(text).digest('hex');
}

describe('shared-secret registration (Synapse /_synapse/admin/v1/register)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    hs = await startTestHomeserver({
      registration: { enabled: false, require_token: false, shared_secret: 's3cret' },
    });
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const nonce = async () => (await api.call('GET', URL)).body.nonce as string;

  it('registers an admin with a correct MAC, even with open registration off', async () => {
    const n = await nonce();
    expect(n).toMatch(/^[0-9a-f]{128}$/);
    const res = await api.call('POST', URL, {
      nonce: n,
      username: 'root',
      password: 'pw',
      admin: true,
      user_type: 'bot',
      mac: mac('s3cret', n, 'root', 'pw', true, 'bot'),
    });
    expect(res).toEqual({
      status: 200,
      body: {
        user_id: '@root:test.local',
        home_server: 'test.local',
        access_token: expect.any(String),
        device_id: expect.any(String),
      },
    });
    const me = await api.call(
      'GET',
      '/_matrix/client/v3/account/whoami',
      undefined,
      res.body.access_token as string,
    );
    expect(me.body.user_id).toBe('@root:test.local');
    expect((await api.login('root', 'pw')).status).toBe(200);
  });

  it('refuses a wrong MAC with 403, and the nonce is spent', async () => {
    const n = await nonce();
    const body = {
      nonce: n,
      username: 'mallory',
      password: 'pw',
      mac: mac('wrong', n, 'mallory', 'pw', false),
    };
    const res = await api.call('POST', URL, body);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('HMAC incorrect');
    const reuse = await api.call('POST', URL, { ...body, mac: mac('s3cret', n, 'mallory', 'pw', false) });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('unrecognised nonce');
    expect((await api.login('mallory', 'pw')).status).toBe(403);
  });

  it('a nonce is single-use', async () => {
    const n = await nonce();
    const body = { nonce: n, username: 'once', password: 'pw', mac: mac('s3cret', n, 'once', 'pw', false) };
    expect((await api.call('POST', URL, body)).status).toBe(200);
    expect((await api.call('POST', URL, body)).body.error).toBe('unrecognised nonce');
  });

  it("checks its fields in Synapse's order, with Synapse's messages", async () => {
    expect((await api.call('POST', URL, {})).body).toEqual({
      errcode: 'M_BAD_JSON',
      error: 'nonce must be specified',
    });
    expect((await api.call('POST', URL, { nonce: await nonce() })).body.error).toBe(
      'username must be specified',
    );
    expect((await api.call('POST', URL, { nonce: await nonce(), username: 1234 })).body.error).toBe(
      'Invalid username',
    );
    expect((await api.call('POST', URL, { nonce: await nonce(), username: 'a\u0000' })).body.error).toBe(
      'Invalid username',
    );
    expect((await api.call('POST', URL, { nonce: await nonce(), username: 'a' })).body.error).toBe(
      'password must be specified',
    );
    expect(
      (await api.call('POST', URL, { nonce: await nonce(), username: 'a', password: 'A'.repeat(1000) })).body
        .error,
    ).toBe('Invalid password');
    expect(
      (
        await api.call('POST', URL, {
          nonce: await nonce(),
          username: 'a',
          password: '1',
          user_type: 'invalid',
        })
      ).body.error,
    ).toBe('Invalid user type');
    expect(
      (await api.call('POST', URL, { nonce: await nonce(), username: 'a', password: '1' })).body.error,
    ).toBe('mac must be specified');
  });

  it('refuses an invalid or taken username after the MAC checks out', async () => {
    let n = await nonce();
    const bad = await api.call('POST', URL, {
      nonce: n,
      username: 'a:b',
      password: 'pw',
      mac: mac('s3cret', n, 'a:b', 'pw', false),
    });
    expect(bad.body.errcode).toBe('M_INVALID_USERNAME');
    n = await nonce();
    const taken = await api.call('POST', URL, {
      nonce: n,
      username: 'root',
      password: 'pw',
      mac: mac('s3cret', n, 'root', 'pw', false),
    });
    expect(taken.body.errcode).toBe('M_USER_IN_USE');
  });
});

describe('shared-secret registration without a shared secret', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver();
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('is 400 "Shared secret registration is not enabled"', async () => {
    for (const res of [await client(hs).call('GET', URL), await client(hs).call('POST', URL, {})]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Shared secret registration is not enabled');
    }
  });
});
