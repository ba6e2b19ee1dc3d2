import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('modules/guest_access: joining, revocation, upgrading a guest account', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver({
      registration: { enabled: true, require_token: false, allow_guest_access: true, shared_secret: null },
    });
    api = roomsClient(hs);
    alice = await api.user('alice');
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const guest = async () => {
    const res = await api.call('POST', `${v3}/register?kind=guest`, {});
    expect(res.status).toBe(200);
    const token = res.body.access_token as string;
    return {
      id: res.body.user_id as string,
      token,
      call: (method: string, path: string, body?: unknown) => api.call(method, path, body, token),
    };
  };
  const guestAccess = (roomId: string, value: string) =>
    alice.call('PUT', `${room(roomId)}/state/m.room.guest_access/`, { guest_access: value });
  const membershipOf = async (roomId: string, userId: string) =>
    (await alice.call('GET', `${room(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`)).body
      .membership;

  it('a guest joins only rooms whose m.room.guest_access is can_join (else 403 M_FORBIDDEN)', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    const g = await guest();
    expectError(await g.call('POST', `${room(roomId)}/join`), 403, 'M_FORBIDDEN');
    await guestAccess(roomId, 'can_join');
    expect((await g.call('POST', `${room(roomId)}/join`)).body).toEqual({ room_id: roomId });
    expect(await membershipOf(roomId, g.id)).toBe('join');
  });

  it('revoking guest access makes the joined guests leave, and only them', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    await guestAccess(roomId, 'can_join');
    const g = await guest();
    await g.call('POST', `${room(roomId)}/join`);
    await guestAccess(roomId, 'forbidden');
    expect(await membershipOf(roomId, g.id)).toBe('leave');
    expect(await membershipOf(roomId, alice.id)).toBe('join');
  });

  it('POST /register with guest_access_token upgrades the guest to a full account of the same ID', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    const g = await guest();
    const other = await guest();
    const localpart = g.id.slice(1).split(':')[0];
    const wrong = await api.call('POST', `${v3}/register`, {
      username: localpart,
      password: 'pw-of-the-upgraded',
      guest_access_token: other.token,
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    const upgraded = await api.register(localpart, 'pw-of-the-upgraded', { guest_access_token: g.token });
    expect(upgraded.user_id).toBe(g.id);
    const full = (method: string, path: string, body?: unknown) =>
      api.call(method, path, body, upgraded.access_token);
    expect((await full('GET', `${v3}/account/whoami`)).body).toMatchObject({
      user_id: g.id,
      is_guest: false,
    });
    expect((await full('POST', `${room(roomId)}/join`)).status).toBe(200);
  });
});
