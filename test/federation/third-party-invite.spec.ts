import { rmSync } from 'node:fs';
import { generateSigningKeySeed, signingKeyFromSeed, signJson } from '@switchboard/protocol';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Reply } from '../client-api/accounts-client';
import { FakeHttpServer, json, selfSignedCertificate } from '../client-api/auth-fakes';
import { room, roomsClient, TestUser, v3 } from '../client-api/rooms-client';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

const ID_ACCESS_TOKEN = 'is-token';

function expectOk(res: Reply): void {
  expect(res.status === 200 ? 200 : res).toBe(200);
}

/**
 * server-server-api "Third-party invites" between two Switchboards: an identity server's
 * /3pid/onbind turns a pending invite into an m.room.member invite, sent by the server in the
 * room or, through exchange_third_party_invite, by the room's server.
 */
describe('third-party invites redeemed by /3pid/onbind', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-3pid-');
  const isKey = signingKeyFromSeed(generateSigningKeySeed(), 'ed25519:0');
  /** Public keys the identity server still vouches for. */
  const validKeys = new Set([isKey.publicKeyBase64]);
  let tokens = 0;
  let identity: FakeHttpServer;
  let a: TestHomeserver;
  let b: TestHomeserver;
  let clientA: ReturnType<typeof roomsClient>;
  let clientB: ReturnType<typeof roomsClient>;

  // The identity server calls onbind on the client port, as SyTest's does.
  const start = (federationPort: number) =>
    startFederatingHomeserver(
      federationPort,
      { certificate, key },
      { identity_servers: { verify_certificates: false } },
      ['client', 'federation'],
    );

  beforeAll(async () => {
    identity = await new FakeHttpServer((req, res) => {
      if (req.url.pathname === '/_matrix/identity/v2/pubkey/isvalid')
        return json(res, 200, { valid: validKeys.has(req.url.searchParams.get('public_key') ?? '') });
      if (req.headers.authorization !== `Bearer ${ID_ACCESS_TOKEN}`)
        return json(res, 401, { errcode: 'M_UNAUTHORIZED' });
      if (req.url.pathname === '/_matrix/identity/v2/hash_details')
        return json(res, 200, { algorithms: ['sha256'], lookup_pepper: 'pepper' });
      if (req.url.pathname === '/_matrix/identity/v2/lookup') return json(res, 200, { mappings: {} });
      if (req.url.pathname === '/_matrix/identity/v2/store-invite') {
        tokens += 1;
        const publicKey = {
          public_key: isKey.publicKeyBase64,
          key_validity_url: `${identity.origin}/_matrix/identity/v2/pubkey/isvalid`,
        };
        return json(res, 200, { token: `token${tokens}`, display_name: 'Bob', public_keys: [publicKey] });
      }
      json(res, 404, { errcode: 'M_UNRECOGNIZED' });
    }, selfSignedCertificate()).start();
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([start(portA), start(portB)]);
    clientA = roomsClient(a);
    clientB = roomsClient(b);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), identity?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A private room of `inviter` with a pending third-party invite; its token. */
  async function roomWithPendingInvite(inviter: TestUser): Promise<{ roomId: string; token: string }> {
    const roomId = await clientA.createRoom(inviter, { preset: 'private_chat' });
    expectOk(
      await inviter.call('POST', `${room(roomId)}/invite`, {
        id_server: identity.host,
        id_access_token: ID_ACCESS_TOKEN,
        medium: 'email',
        address: 'bob@example.org',
      }),
    );
    return { roomId, token: `token${tokens}` };
  }

  /** What the identity server POSTs to the bound user's server once the address is bound. */
  function onbind(
    hs: TestHomeserver,
    invite: { roomId: string; token: string; sender: string; mxid: string },
    signingKey = isKey,
  ) {
    const signed = signJson(
      { mxid: invite.mxid, token: invite.token },
      identity.host,
      'ed25519:0',
      signingKey,
    );
    const base = { medium: 'email', address: 'bob@example.org', mxid: invite.mxid };
    return roomsClient(hs).call('POST', '/_matrix/federation/v1/3pid/onbind', {
      ...base,
      invites: [{ ...base, room_id: invite.roomId, sender: invite.sender, signed }],
    });
  }

  /** Federation delivers in the background: asks again until `done`. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<void> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (done(await read())) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(done(await read())).toBe(true);
  };

  const memberContent = async (reader: TestUser, roomId: string, userId: string) => {
    const res = await reader.call('GET', `${room(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`);
    return res.status === 200 ? res.body : undefined;
  };

  it('invites a user of the room server itself, with the display name of the third-party invite', async () => {
    const alice = await clientA.user('alice');
    const bob = await clientA.user('bob');
    const pending = await roomWithPendingInvite(alice);
    expectOk(await onbind(a, { ...pending, sender: alice.id, mxid: bob.id }));

    const member = await memberContent(alice, pending.roomId, bob.id);
    expect(member).toMatchObject({ membership: 'invite', third_party_invite: { display_name: 'Bob' } });
    expectOk(await bob.call('POST', `${room(pending.roomId)}/join`, {}));
  });

  it('has the room server issue the invite through exchange_third_party_invite when not in the room', async () => {
    const alice = await clientA.user('alice');
    const carol = await clientB.user('carol');
    const pending = await roomWithPendingInvite(alice);
    expectOk(await onbind(b, { ...pending, sender: alice.id, mxid: carol.id }));

    expect(await memberContent(alice, pending.roomId, carol.id)).toMatchObject({
      membership: 'invite',
      third_party_invite: { display_name: 'Bob' },
    });
    const sync = await carol.call('GET', `${v3}/sync`);
    expect(Object.keys((sync.body.rooms as { invite?: object } | undefined)?.invite ?? {})).toContain(
      pending.roomId,
    );
    expectOk(await carol.call('POST', `${room(pending.roomId)}/join`, {}));
    expect(await memberContent(alice, pending.roomId, carol.id)).toMatchObject({ membership: 'join' });
  });

  it('lets a server in the room issue the invite itself, sent to the room on behalf of the inviter', async () => {
    const alice = await clientA.user('alice');
    const joiner = await clientB.user('joiner');
    const dave = await clientB.user('dave');
    const pending = await roomWithPendingInvite(alice);
    expectOk(await alice.call('POST', `${room(pending.roomId)}/invite`, { user_id: joiner.id }));
    expectOk(await joiner.call('POST', `${room(pending.roomId)}/join`, {}));
    await eventually(
      () => memberContent(joiner, pending.roomId, joiner.id),
      (member) => member?.membership === 'join',
    );
    await eventually(
      () => joiner.call('GET', `${room(pending.roomId)}/state/m.room.third_party_invite/${pending.token}`),
      (res) => res.status === 200,
    );
    expectOk(await onbind(b, { ...pending, sender: alice.id, mxid: dave.id }));

    expect(await memberContent(joiner, pending.roomId, dave.id)).toMatchObject({ membership: 'invite' });
    await eventually(
      () => memberContent(alice, pending.roomId, dave.id),
      (member) => member?.membership === 'invite',
    );
  });

  it('refuses an invite signed by a key of no m.room.third_party_invite, or one the identity server revoked', async () => {
    const alice = await clientA.user('alice');
    const bob = await clientA.user('bob');
    const pending = await roomWithPendingInvite(alice);
    const stranger = signingKeyFromSeed(generateSigningKeySeed(), 'ed25519:0');
    const forged = await onbind(a, { ...pending, sender: alice.id, mxid: bob.id }, stranger);
    expect({ status: forged.status, errcode: forged.body.errcode }).toEqual({
      status: 403,
      errcode: 'M_FORBIDDEN',
    });

    validKeys.delete(isKey.publicKeyBase64);
    try {
      const revoked = await onbind(a, { ...pending, sender: alice.id, mxid: bob.id });
      expect({ status: revoked.status, errcode: revoked.body.errcode }).toEqual({
        status: 403,
        errcode: 'M_FORBIDDEN',
      });
    } finally {
      validKeys.add(isKey.publicKeyBase64);
    }
    expect(await memberContent(alice, pending.roomId, bob.id)).toBeUndefined();
  });
});
