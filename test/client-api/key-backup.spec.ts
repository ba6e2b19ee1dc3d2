import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Server-side key backups"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const ALGORITHM = 'm.megolm_backup.v1.curve25519-aes-sha2';
  const call = (u: TestUser, method: string, path: string, body?: unknown) =>
    c.api.call(method, `/_matrix/client/v3/room_keys/${path}`, body, u.token);
  const create = async (u: TestUser, authData: unknown = { public_key: 'abc' }) =>
    (await call(u, 'POST', 'version', { algorithm: ALGORITHM, auth_data: authData })).body.version as string;
  const key = (firstMessageIndex: number, forwardedCount = 0, isVerified = false, data = 'x') => ({
    first_message_index: firstMessageIndex,
    forwarded_count: forwardedCount,
    is_verified: isVerified,
    session_data: { ciphertext: data },
  });

  it('creates versions, reads the latest and a given one, updates auth_data and deletes', async () => {
    const u = await c.user();
    expect(await call(u, 'GET', 'version')).toEqual({
      status: 404,
      body: { errcode: 'M_NOT_FOUND', error: 'No current backup version' },
    });
    const one = await create(u);
    const two = await create(u, { public_key: 'def' });
    expect(await call(u, 'GET', 'version')).toEqual({
      status: 200,
      body: { algorithm: ALGORITHM, auth_data: { public_key: 'def' }, count: 0, etag: '0', version: two },
    });
    expect((await call(u, 'GET', `version/${one}`)).body.auth_data).toEqual({ public_key: 'abc' });

    const update = (body: object) => call(u, 'PUT', `version/${one}`, body);
    expect(await update({ algorithm: ALGORITHM, auth_data: { public_key: 'new' }, version: one })).toEqual({
      status: 200,
      body: {},
    });
    expect((await call(u, 'GET', `version/${one}`)).body.auth_data).toEqual({ public_key: 'new' });
    expect((await update({ algorithm: 'other', auth_data: {} })).body.errcode).toBe('M_INVALID_PARAM');
    expect((await update({ algorithm: ALGORITHM, auth_data: {}, version: two })).body.errcode).toBe(
      'M_INVALID_PARAM',
    );

    expect(await call(u, 'DELETE', `version/${two}`)).toEqual({ status: 200, body: {} });
    // "If the backup was previously deleted, the call should succeed rather than returning an error."
    expect((await call(u, 'DELETE', `version/${two}`)).status).toBe(200);
    expect((await call(u, 'GET', 'version')).body.version).toBe(one);
    for (const version of [two, '99', 'bogus']) {
      expect((await call(u, 'GET', `version/${version}`)).body.errcode).toBe('M_NOT_FOUND');
    }
    expect((await call(u, 'DELETE', 'version/99')).status).toBe(404);
    expect((await call(u, 'PUT', `version/${two}`, { algorithm: ALGORITHM, auth_data: {} })).status).toBe(
      404,
    );
    // A deleted version's number is never handed out again.
    expect(Number(await create(u))).toBeGreaterThan(Number(two));
  });

  it('stores keys at every level, keeps the better key by the replacement rules, with etag and count', async () => {
    const u = await c.user();
    const v = await create(u);
    const put = (path: string, body: object) => call(u, 'PUT', `${path}?version=${v}`, body);
    const session = (room: string, id: string) => `keys/${encodeURIComponent(room)}/${id}`;

    const first = await put(session('!r1:x', 's1'), key(5, 1));
    expect(first).toEqual({ status: 200, body: { etag: expect.any(String), count: 1 } });
    const byRoom = await put(`keys/${encodeURIComponent('!r1:x')}`, { sessions: { s2: key(0) } });
    expect(byRoom.body.count).toBe(2);
    expect(byRoom.body.etag).not.toBe(first.body.etag);
    await put('keys', { rooms: { '!r2:x': { sessions: { s1: key(0) } } } });

    // Worse (higher index, equal, unverified over verified) keys change nothing, not even the etag.
    const before = (await call(u, 'GET', `version/${v}`)).body;
    expect(before).toEqual(expect.objectContaining({ count: 3 }));
    const worse = await put(session('!r1:x', 's1'), key(6, 0, false, 'worse'));
    expect(worse.body).toEqual({ etag: before.etag, count: 3 });
    await put(session('!r1:x', 's1'), key(5, 1, false, 'equal'));
    const stored = () => call(u, 'GET', `${session('!r1:x', 's1')}?version=${v}`);
    expect((await stored()).body).toEqual(key(5, 1));

    await put(session('!r1:x', 's1'), key(5, 0, false, 'fewer forwards'));
    expect((await stored()).body.session_data).toEqual({ ciphertext: 'fewer forwards' });
    await put(session('!r1:x', 's1'), key(2, 3, false, 'lower index'));
    expect((await stored()).body.session_data).toEqual({ ciphertext: 'lower index' });
    await put(session('!r1:x', 's1'), key(9, 9, true, 'verified'));
    expect((await stored()).body.session_data).toEqual({ ciphertext: 'verified' });
    await put(session('!r1:x', 's1'), key(0, 0, false, 'unverified'));
    expect((await stored()).body.session_data).toEqual({ ciphertext: 'verified' });

    expect((await call(u, 'GET', `keys?version=${v}`)).body).toEqual({
      rooms: {
        '!r1:x': { sessions: { s1: key(9, 9, true, 'verified'), s2: key(0) } },
        '!r2:x': { sessions: { s1: key(0) } },
      },
    });
    expect((await call(u, 'GET', `keys/${encodeURIComponent('!r2:x')}?version=${v}`)).body).toEqual({
      sessions: { s1: key(0) },
    });

    expect((await call(u, 'DELETE', `${session('!r1:x', 's2')}?version=${v}`)).body.count).toBe(2);
    expect((await call(u, 'DELETE', `keys/${encodeURIComponent('!r2:x')}?version=${v}`)).body.count).toBe(1);
    const cleared = await call(u, 'DELETE', `keys?version=${v}`);
    expect(cleared.body.count).toBe(0);
    expect(Number(cleared.body.etag)).toBeGreaterThan(Number(before.etag));
    expect((await call(u, 'GET', `keys?version=${v}`)).body).toEqual({ rooms: {} });
  });

  it('answers an empty backup with empty maps, a missing session with M_NOT_FOUND', async () => {
    const u = await c.user();
    const v = await create(u);
    expect((await call(u, 'GET', `keys?version=${v}`)).body).toEqual({ rooms: {} });
    expect((await call(u, 'GET', `keys/!nope?version=${v}`)).body).toEqual({ sessions: {} });
    expect((await call(u, 'GET', `keys/!nope/s?version=${v}`)).body.errcode).toBe('M_NOT_FOUND');
    expect((await call(u, 'GET', 'keys?version=bogus')).body.errcode).toBe('M_NOT_FOUND');
    expect((await call(u, 'GET', 'keys')).body.errcode).toBe('M_MISSING_PARAM');
  });

  it('writes only to the current version: M_WRONG_ROOM_KEYS_VERSION for an older one, 404 for none', async () => {
    const u = await c.user();
    expect((await call(u, 'PUT', 'keys/!r/s?version=1', key(0))).body.errcode).toBe('M_NOT_FOUND');
    const old = await create(u);
    const current = await create(u);
    expect(await call(u, 'PUT', `keys/!r/s?version=${old}`, key(0))).toEqual({
      status: 403,
      body: {
        errcode: 'M_WRONG_ROOM_KEYS_VERSION',
        error: 'Wrong backup version.',
        current_version: current,
      },
    });
    expect((await call(u, 'PUT', 'keys/!r/s?version=77', key(0))).status).toBe(404);
    await call(u, 'PUT', `keys/!r/s?version=${current}`, key(0));
    // Deleted and recreated backups are empty.
    await call(u, 'DELETE', `version/${current}`);
    expect((await call(u, 'GET', `keys?version=${current}`)).status).toBe(404);
    const fresh = await create(u);
    expect((await call(u, 'GET', `keys?version=${fresh}`)).body).toEqual({ rooms: {} });
    expect((await call(u, 'GET', 'version')).body.count).toBe(0);
  });

  it("keeps each user's backups apart", async () => {
    const alice = await c.user();
    const bob = await c.user();
    const v = await create(alice);
    await call(alice, 'PUT', `keys/!r/s?version=${v}`, key(0));
    expect((await call(bob, 'GET', 'version')).status).toBe(404);
    expect((await call(bob, 'GET', `keys?version=${v}`)).status).toBe(404);
  });

  it('answers malformed requests with the spec errors', async () => {
    const u = await c.user();
    expect((await call(u, 'POST', 'version', { auth_data: {} })).body.errcode).toBe('M_MISSING_PARAM');
    expect((await call(u, 'POST', 'version', { algorithm: ALGORITHM })).body.errcode).toBe('M_MISSING_PARAM');
    expect((await call(u, 'POST', 'version', { algorithm: 5, auth_data: {} })).body.errcode).toBe(
      'M_BAD_JSON',
    );
    const v = await create(u);
    const put = (path: string, body: unknown) => call(u, 'PUT', `${path}?version=${v}`, body);
    expect((await put('keys/!r/s', { ...key(0), first_message_index: 'one' })).body.errcode).toBe(
      'M_BAD_JSON',
    );
    expect((await put('keys/!r/s', { ...key(0), is_verified: undefined })).body.errcode).toBe(
      'M_MISSING_PARAM',
    );
    expect((await put('keys/!r/s', { ...key(0), session_data: null })).body.errcode).toBe('M_MISSING_PARAM');
    expect((await put('keys/!r/s', { ...key(0), forwarded_count: -1 })).body.errcode).toBe('M_BAD_JSON');
    expect((await put('keys/!r', { sessions: [] })).body.errcode).toBe('M_BAD_JSON');
    expect((await put('keys', {})).body.errcode).toBe('M_MISSING_PARAM');
    expect((await put('keys', { rooms: { '!r': 'x' } })).body.errcode).toBe('M_BAD_JSON');
    expect((await call(u, 'PUT', 'keys/!r/s', key(0))).body.errcode).toBe('M_MISSING_PARAM');
    expect((await c.api.call('GET', '/_matrix/client/v3/room_keys/version')).status).toBe(401);
  });
});
