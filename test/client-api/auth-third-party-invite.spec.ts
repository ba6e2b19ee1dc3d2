import { createHash } from 'node:crypto';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';
import { FakeHttpServer, json, selfSignedCertificate } from './auth-fakes';

const PEPPER = 'matrixrocks';
const ID_ACCESS_TOKEN = 'is-token';

describe('client-server-api "Third-party invites": POST /rooms/{roomId}/invite with a 3PID', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let identity: FakeHttpServer;
  /** The identity server's bindings: sha256 lookup hash → Matrix ID. */
  const bindings = new Map<string, string>();
  const bind = (address: string, mxid: string) =>
    bindings.set(createHash('sha256').update(`${address} email ${PEPPER}`).digest('base64url'), mxid);

  beforeAll(async () => {
    identity = await new FakeHttpServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${ID_ACCESS_TOKEN}`)
        return json(res, 401, { errcode: 'M_UNAUTHORIZED' });
      if (req.url.pathname === '/_matrix/identity/v2/hash_details')
        return json(res, 200, { algorithms: ['none', 'sha256'], lookup_pepper: PEPPER });
      if (req.url.pathname === '/_matrix/identity/v2/lookup') {
        const body = JSON.parse(req.body) as { addresses: string[]; algorithm: string; pepper: string };
        if (body.algorithm !== 'sha256' || body.pepper !== PEPPER)
          return json(res, 400, { errcode: 'M_INVALID_PEPPER' });
        const mappings = Object.fromEntries(
          body.addresses.filter((a) => bindings.has(a)).map((a) => [a, bindings.get(a)]),
        );
        return json(res, 200, { mappings });
      }
      if (req.url.pathname === '/_matrix/identity/v2/store-invite') {
        const key = {
          public_key: 'cHVibGlj',
          key_validity_url: 'https://is.example/_matrix/identity/v2/pubkey/isvalid',
        };
        return json(res, 200, { token: 'invite-token', display_name: 'Bob', public_keys: [key] });
      }
      json(res, 404, { errcode: 'M_UNRECOGNIZED' });
    }, selfSignedCertificate()).start();
    // Like SyTest's, this identity server's certificate is self-signed.
    hs = await startTestHomeserver({ identity_servers: { verify_certificates: false } });
    api = client(hs);
  });
  afterAll(async () => {
    await hs?.stop();
    await identity?.stop();
  });

  const inviteBody = (address: string) => ({
    id_server: identity.host,
    id_access_token: ID_ACCESS_TOKEN,
    medium: 'email',
    address,
  });
  const memberOf = async (token: string, roomId: string, userId: string) =>
    api.call(
      'GET',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`,
      undefined,
      token,
    );

  it('invites the user an identity server has bound to the address (POST /invite and createRoom invite_3pid)', async () => {
    const alice = await api.register('alice');
    const bob = await api.register('bob');
    bind('bob@example.com', bob.user_id);
    const room = (await api.call('POST', '/_matrix/client/v3/createRoom', {}, alice.access_token)).body
      .room_id as string;
    const invite = await api.call(
      'POST',
      `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/invite`,
      inviteBody('bob@example.com'),
      alice.access_token,
    );
    expect(invite).toEqual({ status: 200, body: {} });
    expect((await memberOf(alice.access_token, room, bob.user_id)).body).toEqual(
      expect.objectContaining({ membership: 'invite' }),
    );

    const created = await api.call(
      'POST',
      '/_matrix/client/v3/createRoom',
      { invite_3pid: [inviteBody('bob@example.com')] },
      alice.access_token,
    );
    expect(created.status).toBe(200);
    const other = created.body.room_id as string;
    expect((await memberOf(alice.access_token, other, bob.user_id)).body).toEqual(
      expect.objectContaining({ membership: 'invite' }),
    );
  });

  it('stores the invite of an unbound address and sends m.room.third_party_invite with its token', async () => {
    const carol = await api.register('carol');
    const room = (await api.call('POST', '/_matrix/client/v3/createRoom', {}, carol.access_token)).body
      .room_id as string;
    const invite = await api.call(
      'POST',
      `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/invite`,
      inviteBody('nobody@example.com'),
      carol.access_token,
    );
    expect(invite.status).toBe(200);
    const stored = identity.requests.find((r) => r.url.pathname === '/_matrix/identity/v2/store-invite')!;
    expect(JSON.parse(stored.body)).toEqual({
      medium: 'email',
      address: 'nobody@example.com',
      room_id: room,
      sender: carol.user_id,
    });
    const event = await api.call(
      'GET',
      `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/state/m.room.third_party_invite/invite-token`,
      undefined,
      carol.access_token,
    );
    expect(event.body).toEqual({
      display_name: 'Bob',
      key_validity_url: 'https://is.example/_matrix/identity/v2/pubkey/isvalid',
      public_key: 'cHVibGlj',
      public_keys: [
        { public_key: 'cHVibGlj', key_validity_url: 'https://is.example/_matrix/identity/v2/pubkey/isvalid' },
      ],
    });
  });

  it('refuses a missing id_access_token with 400 and an unreachable identity server with 502', async () => {
    const dan = await api.register('dan');
    const room = (await api.call('POST', '/_matrix/client/v3/createRoom', {}, dan.access_token)).body
      .room_id as string;
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/invite`;
    const { id_access_token: _token, ...withoutToken } = inviteBody('x@example.com');
    expect((await api.call('POST', path, withoutToken, dan.access_token)).body.errcode).toBe(
      'M_MISSING_PARAM',
    );
    const unreachable = await api.call(
      'POST',
      path,
      { ...inviteBody('x@example.com'), id_server: '127.0.0.1:1' },
      dan.access_token,
    );
    expect(unreachable.status).toBe(502);
  });
});
