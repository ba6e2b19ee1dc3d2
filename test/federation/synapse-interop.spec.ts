import { rmSync } from 'node:fs';
import { FederationClient, RemoteKeysService } from '@switchboard/federation';
import { ServerKeys, SigningKey, verifyJsonSignature } from '@switchboard/protocol';
import { SIGNING_KEY } from '@switchboard/storage';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client as accountsClient } from '../client-api/accounts-client';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/**
 * Request signing and key exchange against a real Synapse (shared/peers/synapse). Runs when
 * SYNAPSE_PEER names one: "<server_name> <client base URL>", e.g.
 *   ../shared/peers/synapse/mkhs.sh syn1 28008 28448 && ../shared/peers/synapse/start.sh syn1
 *   SYNAPSE_PEER="localhost:28448 http://127.0.0.1:28008" npx jest test/federation/synapse-interop
 * Rooms, messages and state with Synapse: test/interop/run-synapse-interop.mjs.
 */
const [SYNAPSE, SYNAPSE_CLIENT] = (process.env.SYNAPSE_PEER ?? '').split(' ');

(SYNAPSE ? describe : describe.skip)('federation transport with Synapse (server-server-api)', () => {
  let tls: ReturnType<typeof selfSignedCertificateFiles> | undefined;
  let hs: TestHomeserver;
  let us: string;

  beforeAll(async () => {
    tls = selfSignedCertificateFiles();
    const port = await freePort();
    us = `localhost:${port}`;
    hs = await startFederatingHomeserver(port, { certificate: tls.certificate, key: tls.key });
  });

  afterAll(async () => {
    await hs?.stop();
    if (tls) rmSync(tls.dir, { recursive: true, force: true });
  });

  it('reaches Synapse and fetches its self-signed keys', async () => {
    const client = hs.app.get(FederationClient);
    const version = await client.request<{ server: { name: string } }>(SYNAPSE, {
      method: 'GET',
      path: '/_matrix/federation/v1/version',
    });
    expect(version.server.name).toBe('Synapse');
    const published = await client.request<ServerKeys>(SYNAPSE, {
      method: 'GET',
      path: '/_matrix/key/v2/server',
    });
    const [keyId] = Object.keys(published.verify_keys);
    const key = await hs.app.get(RemoteKeysService).getVerifyKey(SYNAPSE, keyId);
    expect(key?.key).toBe(published.verify_keys[keyId].key);
  });

  it('signs requests Synapse accepts (Synapse fetches our key to check them)', async () => {
    const client = hs.app.get(FederationClient);
    // An unknown user is 404 M_NOT_FOUND after authentication; a bad signature would be 401.
    await expect(
      client.request(SYNAPSE, {
        method: 'GET',
        path: `/_matrix/federation/v1/query/profile?user_id=${encodeURIComponent(`@nobody:${SYNAPSE}`)}`,
      }),
    ).rejects.toMatchObject({ status: 404, errcode: 'M_NOT_FOUND' });
  });

  it('uses Synapse as a notary: our keys come back signed by us and by Synapse', async () => {
    const own = hs.app.get<symbol, SigningKey>(SIGNING_KEY);
    const answer = await hs.app.get(FederationClient).request<{ server_keys: ServerKeys[] }>(SYNAPSE, {
      method: 'POST',
      path: '/_matrix/key/v2/query',
      body: { server_keys: { [us]: {} } },
    });
    expect(answer.server_keys).toHaveLength(1);
    const [keys] = answer.server_keys;
    expect(verifyJsonSignature(keys, us, own.keyId, own.publicKeyBase64).ok).toBe(true);
    expect(Object.keys(keys.signatures ?? {}).sort()).toEqual([SYNAPSE, us].sort());
  });

  it("verifies Synapse's signed requests: a Synapse user reads a Switchboard user's profile", async () => {
    const local = accountsClient(hs);
    const alice = await local.register(`alice${Date.now()}`);
    const path = `/_matrix/client/v3/profile/${encodeURIComponent(alice.user_id)}/displayname`;
    await local.call('PUT', path, { displayname: 'Alice of Switchboard' }, alice.access_token);
    const username = `sb${Date.now()}`;
    const register = async (auth?: object) =>
      fetch(`${SYNAPSE_CLIENT}/_matrix/client/v3/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'secret-pass-1', auth }),
      });
    const first = (await (await register()).json()) as { session: string };
    const registered = (await (await register({ type: 'm.login.dummy', session: first.session })).json()) as {
      access_token: string;
    };
    const profile = await fetch(
      `${SYNAPSE_CLIENT}/_matrix/client/v3/profile/${encodeURIComponent(alice.user_id)}`,
      {
        headers: { authorization: `Bearer ${registered.access_token}` },
      },
    );
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ displayname: 'Alice of Switchboard' });
  });
});
