import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

const PUSHER = {
  kind: 'http',
  app_id: 'com.example.app',
  pushkey: 'key-1',
  app_display_name: 'Example',
  device_display_name: 'Phone',
  profile_tag: 'tag',
  lang: 'en',
  data: { url: 'https://push.example.com/_matrix/push/v1/notify', format: 'event_id_only', custom: 1 },
};

describe('client-server-api "Push Notifications": GET /pushers, POST /pushers/set', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const set = (token: string, body: unknown) =>
    api.call('POST', '/_matrix/client/v3/pushers/set', body, token);
  const list = async (token: string) =>
    (await api.call('GET', '/_matrix/client/v3/pushers', undefined, token)).body.pushers;

  it('creates, updates by (app_id, pushkey), and deletes with kind null', async () => {
    const alice = await api.register('alice');
    expect(await list(alice.access_token)).toEqual([]);
    expect(await set(alice.access_token, PUSHER)).toEqual({ status: 200, body: {} });
    expect(await list(alice.access_token)).toEqual([
      {
        kind: 'http',
        app_id: 'com.example.app',
        pushkey: 'key-1',
        app_display_name: 'Example',
        device_display_name: 'Phone',
        profile_tag: 'tag',
        lang: 'en',
        data: PUSHER.data,
      },
    ]);
    await set(alice.access_token, { ...PUSHER, lang: 'fr' });
    await set(alice.access_token, { ...PUSHER, pushkey: 'key-2' });
    const pushers = (await list(alice.access_token)) as { pushkey: string; lang: string }[];
    expect(pushers.map((p) => [p.pushkey, p.lang])).toEqual([
      ['key-1', 'fr'],
      ['key-2', 'en'],
    ]);
    await set(alice.access_token, { kind: null, app_id: 'com.example.app', pushkey: 'key-1' });
    expect(((await list(alice.access_token)) as { pushkey: string }[]).map((p) => p.pushkey)).toEqual([
      'key-2',
    ]);
  });

  it('without append, takes the app_id and pushkey from other users; with append, shares them', async () => {
    const carol = await api.register('carol');
    const dave = await api.register('dave');
    await set(carol.access_token, PUSHER);
    await set(dave.access_token, { ...PUSHER, append: true });
    expect(await list(carol.access_token)).toHaveLength(1);
    await set(dave.access_token, PUSHER);
    expect(await list(carol.access_token)).toEqual([]);
    expect(await list(dave.access_token)).toHaveLength(1);
  });

  it('refuses missing and malformed fields with 400', async () => {
    const erin = await api.register('erin');
    const { lang: _lang, data: _data, ...withoutLangAndData } = PUSHER;
    const cases: [unknown, string][] = [
      [{ ...PUSHER, kind: undefined }, 'M_MISSING_PARAM'],
      [{ ...PUSHER, app_id: undefined }, 'M_MISSING_PARAM'],
      [withoutLangAndData, 'M_MISSING_PARAM'],
      [{ ...PUSHER, data: {} }, 'M_MISSING_PARAM'],
      [{ ...PUSHER, data: { url: 'https://push.example.com/elsewhere' } }, 'M_INVALID_PARAM'],
      [{ ...PUSHER, data: { url: 'not a url' } }, 'M_INVALID_PARAM'],
      [{ ...PUSHER, kind: 'carrier-pigeon' }, 'M_INVALID_PARAM'],
      [{ ...PUSHER, pushkey: 'k'.repeat(513) }, 'M_INVALID_PARAM'],
      [{ ...PUSHER, app_id: 'a'.repeat(65) }, 'M_INVALID_PARAM'],
      [{ ...PUSHER, lang: 7 }, 'M_INVALID_PARAM'],
    ];
    for (const [body, errcode] of cases) {
      const res = await set(erin.access_token, body);
      expect({ body, status: res.status, errcode: res.body.errcode }).toEqual({ body, status: 400, errcode });
    }
    expect(await list(erin.access_token)).toEqual([]);
    expect((await api.call('GET', '/_matrix/client/v3/pushers')).status).toBe(401);
  });

  it("a password change that logs other devices out deletes their pushers, not the requester's", async () => {
    const frank = await api.register('frank', 'old-password');
    const other = (await api.login('frank', 'old-password')).body.access_token as string;
    await set(other, { ...PUSHER, pushkey: 'other' });
    await set(frank.access_token, { ...PUSHER, pushkey: 'mine' });
    const change = await api.call(
      'POST',
      '/_matrix/client/v3/account/password',
      {
        new_password: 'new-password',
        auth: {
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user: 'frank' },
          password: 'old-password',
        },
      },
      frank.access_token,
    );
    expect(change.status).toBe(200);
    expect(((await list(frank.access_token)) as { pushkey: string }[]).map((p) => p.pushkey)).toEqual([
      'mine',
    ]);
  });

  it('logging out deletes the pushers that device set', async () => {
    const gina = await api.register('gina');
    const other = (await api.login('gina', 'correct horse')).body.access_token as string;
    await set(other, { ...PUSHER, pushkey: 'other' });
    await set(gina.access_token, { ...PUSHER, pushkey: 'mine' });
    await api.call('POST', '/_matrix/client/v3/logout', {}, other);
    expect(((await list(gina.access_token)) as { pushkey: string }[]).map((p) => p.pushkey)).toEqual([
      'mine',
    ]);
  });
});
