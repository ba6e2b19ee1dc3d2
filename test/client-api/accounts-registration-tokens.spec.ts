import { RegistrationTokensRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

const VALIDITY = '/_matrix/client/v1/register/m.login.registration_token/validity';

describe('client-server-api "Token-authenticated registration" (registration.require_token)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    hs = await startTestHomeserver({
      registration: { enabled: true, require_token: true, shared_secret: null },
    });
    api = client(hs);
    const tokens = hs.app.get(RegistrationTokensRepository);
    const reader = hs.app.get(Transactions).reader;
    await tokens.create(reader, { token: 'onetime', usesAllowed: 1, expiryTime: null });
    await tokens.create(reader, { token: 'expired', usesAllowed: null, expiryTime: Date.now() - 1000 });
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const registerWith = async (username: string, token: string) => {
    const first = await api.call('POST', '/_matrix/client/v3/register', { username, password: 'pw' });
    expect(first.body.flows).toEqual([{ stages: ['m.login.registration_token'] }]);
    return api.call('POST', '/_matrix/client/v3/register', {
      username,
      password: 'pw',
      auth: { type: 'm.login.registration_token', token, session: first.body.session },
    });
  };

  it('GET .../validity tells valid, expired and unknown tokens apart', async () => {
    expect((await api.call('GET', `${VALIDITY}?token=onetime`)).body).toEqual({ valid: true });
    expect((await api.call('GET', `${VALIDITY}?token=expired`)).body).toEqual({ valid: false });
    expect((await api.call('GET', `${VALIDITY}?token=unknown`)).body).toEqual({ valid: false });
    expect((await api.call('GET', VALIDITY)).body.errcode).toBe('M_MISSING_PARAM');
  });

  it('refuses the dummy stage and an invalid token, and registers with a valid one once', async () => {
    const first = await api.call('POST', '/_matrix/client/v3/register', { username: 'tok', password: 'pw' });
    const dummy = await api.call('POST', '/_matrix/client/v3/register', {
      username: 'tok',
      password: 'pw',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(dummy.status).toBe(400);
    expect(dummy.body.errcode).toBe('M_UNRECOGNIZED');

    const expired = await registerWith('tok', 'expired');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(
      expect.objectContaining({ errcode: 'M_UNAUTHORIZED', session: expect.any(String) }),
    );

    const ok = await registerWith('tok', 'onetime');
    expect(ok.status).toBe(200);
    expect(ok.body.user_id).toBe('@tok:test.local');
    expect((await api.call('GET', `${VALIDITY}?token=onetime`)).body).toEqual({ valid: false });
    const usedUp = await registerWith('tok2', 'onetime');
    expect(usedUp.status).toBe(401);
    expect(usedUp.body.errcode).toBe('M_UNAUTHORIZED');
    const row = await hs.app
      .get(RegistrationTokensRepository)
      .get(hs.app.get(Transactions).reader, 'onetime');
    expect(row).toEqual(expect.objectContaining({ pending: 0, completed: 1 }));
  });
});
