import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { canonicalJson, encodeBase64 } from '@switchboard/protocol';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

/** An ed25519 key pair as clients hold them: unpadded base64 public key, signing of JSON. */
function ed25519() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey as KeyObject).export({ format: 'der', type: 'spki' }).subarray(12);
  const pub = encodeBase64(raw);
  const signObject = (object: Json, userId: string, keyId = `ed25519:${pub}`): Json => {
    const { signatures, unsigned: _unsigned, ...signed } = object;
    const signature = encodeBase64(sign(null, Buffer.from(canonicalJson(signed)), privateKey));
    return {
      ...object,
      signatures: { ...signatures, [userId]: { ...signatures?.[userId], [keyId]: signature } },
    };
  };
  return { pub, sign: signObject };
}

describe('client-server-api "End-to-End Encryption": keys', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const post = async (u: TestUser, path: string, body: unknown): Promise<{ status: number; body: Json }> =>
    c.api.call('POST', path, body, u.token);
  const deviceKeys = (u: TestUser, key = 'ed+key') => ({
    user_id: u.userId,
    device_id: u.deviceId,
    algorithms: ['m.olm.v1.curve25519-aes-sha2', 'm.megolm.v1.aes-sha2'],
    keys: { [`curve25519:${u.deviceId}`]: 'curve+key', [`ed25519:${u.deviceId}`]: key },
    signatures: { [u.userId]: { [`ed25519:${u.deviceId}`]: 'self+signature' } },
  });
  const query = (u: TestUser, deviceKeysQuery: Json) =>
    post(u, '/_matrix/client/v3/keys/query', { device_keys: deviceKeysQuery });
  const claim = (u: TestUser, oneTimeKeys: Json) =>
    post(u, '/_matrix/client/v3/keys/claim', { one_time_keys: oneTimeKeys });

  it('"Uploading keys": device keys and one-time keys, counted; other device keys replace the old, another one-time key under a used ID is 400', async () => {
    const alice = await c.user('alice');
    const upload = await post(alice, '/_matrix/client/v3/keys/upload', {
      device_keys: deviceKeys(alice),
      one_time_keys: { 'signed_curve25519:AAAA': { key: 'k1', signatures: {} }, 'curve25519:B': 'k2' },
    });
    expect(upload).toEqual({
      status: 200,
      body: { one_time_key_counts: { signed_curve25519: 1, curve25519: 1 } },
    });
    const again = await post(alice, '/_matrix/client/v3/keys/upload', {
      device_keys: deviceKeys(alice),
      one_time_keys: { 'curve25519:B': 'k2' },
    });
    expect(again.status).toBe(200);
    const otherOneTimeKey = await post(alice, '/_matrix/client/v3/keys/upload', {
      one_time_keys: { 'curve25519:B': 'not-k2' },
    });
    expect(otherOneTimeKey).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_PARAM' } });
    const res = await query(alice, { [alice.userId]: [] });
    expect(res.body.device_keys).toEqual({
      [alice.userId]: { [alice.deviceId]: { ...deviceKeys(alice), unsigned: {} } },
    });
    expect(res.body.failures).toEqual({});
    const replaced = await post(alice, '/_matrix/client/v3/keys/upload', {
      device_keys: deviceKeys(alice, 'another+key'),
    });
    expect(replaced.status).toBe(200);
    expect((await query(alice, { [alice.userId]: [] })).body.device_keys).toEqual({
      [alice.userId]: { [alice.deviceId]: { ...deviceKeys(alice, 'another+key'), unsigned: {} } },
    });
  });

  it('refuses malformed device keys (M_BAD_JSON) and keys of another user or device', async () => {
    const bob = await c.user('bob');
    const missing = await post(bob, '/_matrix/client/v3/keys/upload', {
      device_keys: { user_id: bob.userId, device_id: bob.deviceId },
    });
    expect(missing).toMatchObject({ status: 400, body: { errcode: 'M_BAD_JSON' } });
    const otherUser = await post(bob, '/_matrix/client/v3/keys/upload', {
      device_keys: { ...deviceKeys(bob), user_id: '@someone:else' },
    });
    expect(otherUser.status).toBe(400);
    const badOneTimeKey = await post(bob, '/_matrix/client/v3/keys/upload', {
      one_time_keys: { nocolon: 'x' },
    });
    expect(badOneTimeKey).toMatchObject({ status: 400, body: { errcode: 'M_BAD_JSON' } });
    const badQuery = await query(bob, { [bob.userId]: 'all' });
    expect(badQuery).toMatchObject({ status: 400, body: { errcode: 'M_BAD_JSON' } });
  });

  it('"Downloading keys": a user without keys is an empty map, a remote server a failure, the display name unsigned', async () => {
    const carol = await c.user('carol');
    await c.api.call(
      'PUT',
      `/_matrix/client/v3/devices/${carol.deviceId}`,
      { display_name: 'Phone' },
      carol.token,
    );
    const empty = await query(carol, { [carol.userId]: [], '@x:remote.example': [] });
    expect(empty.body.device_keys).toEqual({ [carol.userId]: {} });
    expect(Object.keys(empty.body.failures)).toEqual(['remote.example']);
    await post(carol, '/_matrix/client/v3/keys/upload', { device_keys: deviceKeys(carol) });
    const one = await query(carol, { [carol.userId]: [carol.deviceId] });
    expect(one.body.device_keys[carol.userId][carol.deviceId].unsigned).toEqual({
      device_display_name: 'Phone',
    });
    const other = await query(carol, { [carol.userId]: ['NOSUCH'] });
    expect(other.body.device_keys).toEqual({ [carol.userId]: {} });
  });

  it('"Claiming one-time keys": oldest one-time key first, then the fallback key, which /sync reports used', async () => {
    const dan = await c.user('dan');
    await post(dan, '/_matrix/client/v3/keys/upload', { one_time_keys: { 'alg:first': 'one' } });
    await post(dan, '/_matrix/client/v3/keys/upload', {
      one_time_keys: { 'alg:second': 'two' },
      fallback_keys: { 'alg:fb': { key: 'fallback', fallback: true, signatures: {} } },
    });
    const initial = await c.sync(dan);
    expect(initial.device_one_time_keys_count).toEqual({ signed_curve25519: 0, alg: 2 });
    expect(initial.device_unused_fallback_key_types).toEqual(['alg']);
    const request = { [dan.userId]: { [dan.deviceId]: 'alg' } };
    expect((await claim(dan, request)).body.one_time_keys).toEqual({
      [dan.userId]: { [dan.deviceId]: { 'alg:first': 'one' } },
    });
    expect((await claim(dan, request)).body.one_time_keys).toEqual({
      [dan.userId]: { [dan.deviceId]: { 'alg:second': 'two' } },
    });
    const fallback = {
      [dan.userId]: { [dan.deviceId]: { 'alg:fb': { key: 'fallback', fallback: true, signatures: {} } } },
    };
    expect((await claim(dan, request)).body.one_time_keys).toEqual(fallback);
    expect((await claim(dan, request)).body.one_time_keys).toEqual(fallback);
    const other = await claim(dan, { [dan.userId]: { [dan.deviceId]: 'other' } });
    expect(other.body).toEqual({ one_time_keys: {}, failures: {} });
    const after = await c.sync(dan);
    expect(after.device_one_time_keys_count).toEqual({ signed_curve25519: 0 });
    expect(after.device_unused_fallback_key_types).toEqual([]);
  });

  it('"Tracking the device list for a user": /sync and /keys/changes tell of key uploads, new and renamed devices, joins and leaves', async () => {
    const erin = await c.user('erin');
    const fred = await c.user('fred');
    const roomId = await c.createRoom(erin);
    const start = (await c.sync(erin)).next_batch;
    await c.join(roomId, fred);
    const joined = await c.sync(erin, { since: start });
    expect(joined.device_lists).toEqual({ changed: [fred.userId], left: [] });

    await post(fred, '/_matrix/client/v3/keys/upload', { device_keys: deviceKeys(fred) });
    const uploaded = await c.sync(erin, { since: joined.next_batch, timeout: 5000 });
    expect(uploaded.device_lists).toEqual({ changed: [fred.userId], left: [] });

    const changes = await c.get(erin, '/_matrix/client/v3/keys/changes', {
      from: start,
      to: uploaded.next_batch,
    });
    expect(changes.body).toEqual({ changed: [fred.userId], left: [] });

    const waiting = c.sync(erin, { since: uploaded.next_batch, timeout: 10000 });
    await c.api.login(fred.userId, 'correct horse');
    expect((await waiting).device_lists).toEqual({ changed: [fred.userId], left: [] });

    const ownLogin = c.sync(fred, { since: (await c.sync(fred)).next_batch, timeout: 10000 });
    await c.api.call(
      'PUT',
      `/_matrix/client/v3/devices/${fred.deviceId}`,
      { display_name: 'New' },
      fred.token,
    );
    expect((await ownLogin).device_lists?.changed).toEqual([fred.userId]);

    const beforeLeave = (await c.sync(erin)).next_batch;
    await c.membership(roomId, fred, fred.userId, 'leave');
    const left = await c.sync(erin, { since: beforeLeave });
    expect(left.device_lists).toEqual({ changed: [], left: [fred.userId] });
    const leftChanges = await c.get(erin, '/_matrix/client/v3/keys/changes', {
      from: beforeLeave,
      to: left.next_batch,
    });
    expect(leftChanges.body).toEqual({ changed: [], left: [fred.userId] });

    const bad = await c.get(erin, '/_matrix/client/v3/keys/changes', {
      from: 'nonsense',
      to: left.next_batch,
    });
    expect(bad).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_PARAM' } });
  });

  it('"Cross-signing": keys upload without UIA the first time, need it to be replaced, and sign devices', async () => {
    const gina = await c.user('gina');
    const master = ed25519();
    const selfSigning = ed25519();
    const masterKey = {
      user_id: gina.userId,
      usage: ['master'],
      keys: { [`ed25519:${master.pub}`]: master.pub },
    };
    const selfSigningKey = master.sign(
      {
        user_id: gina.userId,
        usage: ['self_signing'],
        keys: { [`ed25519:${selfSigning.pub}`]: selfSigning.pub },
      },
      gina.userId,
    );
    const noMaster = await post(gina, '/_matrix/client/v3/keys/device_signing/upload', {
      self_signing_key: selfSigningKey,
    });
    expect(noMaster).toMatchObject({ status: 400, body: { errcode: 'M_MISSING_PARAM' } });
    const badSignature = await post(gina, '/_matrix/client/v3/keys/device_signing/upload', {
      master_key: masterKey,
      self_signing_key: { ...selfSigningKey, usage: ['self_signing', 'x'] },
    });
    expect(badSignature).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_SIGNATURE' } });
    const first = await post(gina, '/_matrix/client/v3/keys/device_signing/upload', {
      master_key: masterKey,
      self_signing_key: selfSigningKey,
    });
    expect(first).toEqual({ status: 200, body: {} });
    const same = await post(gina, '/_matrix/client/v3/keys/device_signing/upload', { master_key: masterKey });
    expect(same.status).toBe(200);
    const other = ed25519();
    const replace = await post(gina, '/_matrix/client/v3/keys/device_signing/upload', {
      master_key: { ...masterKey, keys: { [`ed25519:${other.pub}`]: other.pub } },
    });
    expect(replace.status).toBe(401);
    expect(replace.body.flows).toEqual([{ stages: ['m.login.password'] }]);

    await post(gina, '/_matrix/client/v3/keys/upload', { device_keys: deviceKeys(gina) });
    const signedDevice = selfSigning.sign(deviceKeys(gina), gina.userId);
    const forged = {
      ...signedDevice,
      signatures: { [gina.userId]: { [`ed25519:${selfSigning.pub}`]: 'forged' } },
    };
    const signatures = await post(gina, '/_matrix/client/v3/keys/signatures/upload', {
      [gina.userId]: { [gina.deviceId]: signedDevice },
    });
    expect(signatures).toEqual({ status: 200, body: { failures: {} } });
    const failed = await post(gina, '/_matrix/client/v3/keys/signatures/upload', {
      [gina.userId]: { [gina.deviceId]: forged },
    });
    expect(failed.body.failures[gina.userId][gina.deviceId].errcode).toBe('M_INVALID_SIGNATURE');

    const keys = await query(gina, { [gina.userId]: [] });
    expect(keys.body.master_keys).toEqual({ [gina.userId]: masterKey });
    expect(keys.body.self_signing_keys).toEqual({ [gina.userId]: selfSigningKey });
    expect(keys.body.device_keys[gina.userId][gina.deviceId].signatures[gina.userId]).toEqual(
      signedDevice.signatures[gina.userId],
    );
  });

  it('"Cross-signing": a user-signing key and its signatures of other users\' master keys are for their owner only', async () => {
    const hana = await c.user('hana');
    const ivan = await c.user('ivan');
    const roomId = await c.createRoom(hana);
    await c.join(roomId, ivan);
    const [hanaMaster, userSigning, ivanMaster] = [ed25519(), ed25519(), ed25519()];
    const ivanMasterKey = {
      user_id: ivan.userId,
      usage: ['master'],
      keys: { [`ed25519:${ivanMaster.pub}`]: ivanMaster.pub },
    };
    await post(ivan, '/_matrix/client/v3/keys/device_signing/upload', { master_key: ivanMasterKey });
    await post(hana, '/_matrix/client/v3/keys/device_signing/upload', {
      master_key: {
        user_id: hana.userId,
        usage: ['master'],
        keys: { [`ed25519:${hanaMaster.pub}`]: hanaMaster.pub },
      },
    });
    const ivanSince = (await c.sync(ivan)).next_batch;
    const hanaSince = (await c.sync(hana)).next_batch;
    const userSigningKey = hanaMaster.sign(
      {
        user_id: hana.userId,
        usage: ['user_signing'],
        keys: { [`ed25519:${userSigning.pub}`]: userSigning.pub },
      },
      hana.userId,
    );
    // Replacing nothing and adding a key: UIA is needed once a master key exists.
    const challenge = await post(hana, '/_matrix/client/v3/keys/device_signing/upload', {
      user_signing_key: userSigningKey,
    });
    expect(challenge.status).toBe(401);
    const uploaded = await post(hana, '/_matrix/client/v3/keys/device_signing/upload', {
      user_signing_key: userSigningKey,
      auth: {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: hana.userId },
        password: 'correct horse',
        session: challenge.body.session,
      },
    });
    expect(uploaded).toEqual({ status: 200, body: {} });
    const signed = userSigning.sign(ivanMasterKey, hana.userId);
    const signatures = await post(hana, '/_matrix/client/v3/keys/signatures/upload', {
      [ivan.userId]: { [ivanMaster.pub]: signed },
    });
    expect(signatures.body).toEqual({ failures: {} });

    expect((await c.sync(hana, { since: hanaSince })).device_lists?.changed).toEqual([
      hana.userId,
      ivan.userId,
    ]);
    expect((await c.sync(ivan, { since: ivanSince })).device_lists).toBeUndefined();
    const byHana = await query(hana, { [ivan.userId]: [], [hana.userId]: [] });
    expect(byHana.body.master_keys[ivan.userId].signatures).toEqual(signed.signatures);
    expect(byHana.body.user_signing_keys).toEqual({ [hana.userId]: userSigningKey });
    const byIvan = await query(ivan, { [ivan.userId]: [], [hana.userId]: [] });
    expect(byIvan.body.master_keys[ivan.userId]).toEqual(ivanMasterKey);
    expect(byIvan.body.user_signing_keys).toEqual({});
  });
});
