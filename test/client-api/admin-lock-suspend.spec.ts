import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

const ADMIN = '@boss:test.local';
const OTHER_ADMIN = '@deputy:test.local';

describe('client-server-api "Account moderation": /admin/lock and /admin/suspend', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let admin: string;
  let user: { user_id: string; access_token: string };
  let bystander: string;

  beforeAll(async () => {
    hs = await startTestHomeserver({ admins: [ADMIN, OTHER_ADMIN] });
    api = client(hs);
    admin = (await api.register('boss')).access_token;
    await api.register('deputy');
    user = await api.register('mallory');
    bystander = (await api.register('bob')).access_token;
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const path = (kind: 'lock' | 'suspend', userId: string) =>
    `/_matrix/client/v1/admin/${kind}/${encodeURIComponent(userId)}`;
  const whoami = (token: string) => api.call('GET', '/_matrix/client/v3/account/whoami', undefined, token);
  const error = (status: number, errcode: string) => ({
    status,
    body: expect.objectContaining({ errcode }),
  });

  it('GET /capabilities offers m.account_moderation to admins only', async () => {
    const capabilities = async (token: string) =>
      (await api.call('GET', '/_matrix/client/v3/capabilities', undefined, token)).body
        .capabilities as Record<string, unknown>;
    expect((await capabilities(admin))['m.account_moderation']).toEqual({ lock: true, suspend: true });
    expect(await capabilities(bystander)).not.toHaveProperty('m.account_moderation');
  });

  it('answers only server admins, before looking the account up', async () => {
    expect(await api.call('GET', path('lock', '@nobody:test.local'), undefined, bystander)).toEqual(
      error(403, 'M_FORBIDDEN'),
    );
    expect(await api.call('PUT', path('suspend', user.user_id), { suspended: true }, bystander)).toEqual(
      error(403, 'M_FORBIDDEN'),
    );
  });

  it('refuses remote, unknown and admin accounts and bad bodies', async () => {
    expect(await api.call('GET', path('lock', '@x:elsewhere.example'), undefined, admin)).toEqual(
      error(400, 'M_INVALID_PARAM'),
    );
    expect(await api.call('GET', path('suspend', '@nobody:test.local'), undefined, admin)).toEqual(
      error(404, 'M_NOT_FOUND'),
    );
    expect(await api.call('PUT', path('lock', ADMIN), { locked: true }, admin)).toEqual(
      error(403, 'M_FORBIDDEN'),
    );
    expect(await api.call('PUT', path('suspend', OTHER_ADMIN), { suspended: true }, admin)).toEqual(
      error(403, 'M_FORBIDDEN'),
    );
    expect(await api.call('PUT', path('lock', user.user_id), {}, admin)).toEqual(
      error(400, 'M_MISSING_PARAM'),
    );
    expect((await api.call('PUT', path('lock', user.user_id), { locked: 'yes' }, admin)).status).toBe(400);
    expect(await api.call('GET', path('lock', user.user_id), undefined, admin)).toEqual({
      status: 200,
      body: { locked: false },
    });
  });

  it('a lock answers M_USER_LOCKED with soft_logout at once, except to logout, until unlocked', async () => {
    const second = await api.login('mallory', 'correct horse');
    const secondToken = second.body.access_token as string;
    // Both tokens are resolved (and cached) before the lock: the lock must still apply at once.
    expect((await whoami(user.access_token)).status).toBe(200);
    expect((await whoami(secondToken)).status).toBe(200);

    expect(await api.call('PUT', path('lock', user.user_id), { locked: true }, admin)).toEqual({
      status: 200,
      body: { locked: true },
    });
    expect(await api.call('GET', path('lock', user.user_id), undefined, admin)).toEqual({
      status: 200,
      body: { locked: true },
    });
    expect(await whoami(user.access_token)).toEqual({
      status: 401,
      body: { errcode: 'M_USER_LOCKED', error: expect.any(String), soft_logout: true },
    });
    expect((await api.call('GET', '/_matrix/client/v3/sync', undefined, user.access_token)).status).toBe(401);
    expect((await api.call('POST', '/_matrix/client/v3/logout', {}, secondToken)).status).toBe(200);
    expect(await whoami(secondToken)).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(await api.login('mallory', 'correct horse')).toEqual({
      status: 401,
      body: { errcode: 'M_USER_LOCKED', error: expect.any(String), soft_logout: true },
    });

    await api.call('PUT', path('lock', user.user_id), { locked: false }, admin);
    expect(await whoami(user.access_token)).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: user.user_id }),
    });
  });

  it('a suspended account reads, leaves and redacts, but cannot join, invite, send or change its profile', async () => {
    const token = user.access_token;
    const room = await api.call('POST', '/_matrix/client/v3/createRoom', { preset: 'public_chat' }, token);
    const roomId = room.body.room_id as string;
    const other = await api.call(
      'POST',
      '/_matrix/client/v3/createRoom',
      { preset: 'public_chat' },
      bystander,
    );
    const otherId = other.body.room_id as string;
    const sent = await api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${roomId}/send/m.room.message/t1`,
      { msgtype: 'm.text', body: 'before' },
      token,
    );
    expect(sent.status).toBe(200);

    expect(await api.call('PUT', path('suspend', user.user_id), { suspended: true }, admin)).toEqual({
      status: 200,
      body: { suspended: true },
    });
    expect(await api.call('GET', path('suspend', user.user_id), undefined, admin)).toEqual({
      status: 200,
      body: { suspended: true },
    });
    const suspended = error(403, 'M_USER_SUSPENDED');
    expect(
      await api.call(
        'PUT',
        `/_matrix/client/v3/rooms/${roomId}/send/m.room.message/t2`,
        { msgtype: 'm.text', body: 'after' },
        token,
      ),
    ).toEqual(suspended);
    expect(await api.call('POST', `/_matrix/client/v3/join/${otherId}`, {}, token)).toEqual(suspended);
    expect(
      await api.call(
        'POST',
        `/_matrix/client/v3/rooms/${roomId}/invite`,
        { user_id: '@bob:test.local' },
        token,
      ),
    ).toEqual(suspended);
    expect(await api.call('POST', '/_matrix/client/v3/createRoom', {}, token)).toEqual(suspended);
    expect(
      await api.call(
        'PUT',
        `/_matrix/client/v3/profile/${encodeURIComponent(user.user_id)}/displayname`,
        { displayname: 'M' },
        token,
      ),
    ).toEqual(suspended);

    expect((await api.call('GET', '/_matrix/client/v3/sync', undefined, token)).status).toBe(200);
    expect(
      (await api.call('GET', `/_matrix/client/v3/rooms/${roomId}/messages?dir=b`, undefined, token)).status,
    ).toBe(200);
    const redacted = await api.call(
      'PUT',
      `/_matrix/client/v3/rooms/${roomId}/redact/${encodeURIComponent(sent.body.event_id as string)}/r1`,
      {},
      token,
    );
    expect(redacted.status).toBe(200);
    expect((await api.call('POST', `/_matrix/client/v3/rooms/${roomId}/leave`, {}, token)).status).toBe(200);

    await api.call('PUT', path('suspend', user.user_id), { suspended: false }, admin);
    expect((await api.call('POST', `/_matrix/client/v3/join/${otherId}`, {}, token)).status).toBe(200);
  });
});
