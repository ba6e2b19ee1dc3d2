import { testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { signingKeyFromSeed, signJson } from '@switchboard/protocol';
import { ServerKeysRepository, Transactions } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';
import { FederationClient, FederationRequest } from '../transport/federation-client';
import { FederationTransportError } from '../transport/federation-transport.error';
import { KeyQueryService } from '../keys_query/key-query.service';
import { OwnKeysService } from './own-keys.service';
import { TrustedKeyServer } from './remote-keys.options';
import { RemoteKeysService } from './remote-keys.service';
import { ServerKeyFetcher } from './server-key-fetcher';

const ownKey = signingKeyFromSeed(new Uint8Array(32).fill(1), 'ed25519:own');
const remoteKey = signingKeyFromSeed(new Uint8Array(32).fill(2), 'ed25519:r1');
const notaryKey = signingKeyFromSeed(new Uint8Array(32).fill(3), 'ed25519:n');
const NOTARY: TrustedKeyServer = {
  serverName: 'notary.example',
  verifyKeys: { 'ed25519:n': notaryKey.publicKeyBase64 },
};

function keysOf(server: string, validForMs = 3_600_000) {
  return signJson(
    {
      server_name: server,
      verify_keys: { 'ed25519:r1': { key: remoteKey.publicKeyBase64 } },
      old_verify_keys: {},
      valid_until_ts: Date.now() + validForMs,
    },
    server,
    remoteKey.keyId,
    remoteKey,
  );
}

/** Remote servers as the test scripts them: a function per destination, and the requests made. */
function fakeFederation(servers: Record<string, (request: FederationRequest) => unknown>) {
  const requests: string[] = [];
  const client = {
    request: async (destination: string, request: FederationRequest) => {
      requests.push(`${destination} ${request.method} ${request.path}`);
      const serve = servers[destination];
      if (!serve) throw new FederationTransportError(destination, 'connect', 'refused');
      return serve(request);
    },
  } as unknown as FederationClient;
  return { client, requests };
}

describeWithAllDatabases(
  'RemoteKeysService and the notary (server-server-api "Retrieving server keys")',
  (db) => {
    const config = testConfig({ server_name: 'us.example' });
    const ownKeys = new OwnKeysService(config, ownKey);

    function services(client: FederationClient, trustedKeyServers: TrustedKeyServer[] = []) {
      const remoteKeys = new RemoteKeysService(
        ownKeys,
        new ServerKeyFetcher(client),
        new ServerKeysRepository(),
        new Transactions(db().dataSource),
        { trustedKeyServers },
        createLogger('silent'),
      );
      return { remoteKeys, keyQuery: new KeyQueryService(ownKeys, remoteKeys) };
    }

    it('knows our own key without asking anyone', async () => {
      const { client, requests } = fakeFederation({});
      const { remoteKeys } = services(client);
      expect(await remoteKeys.getVerifyKey('us.example', 'ed25519:own')).toMatchObject({
        key: ownKey.publicKeyBase64,
      });
      expect(await remoteKeys.getVerifyKey('us.example', 'ed25519:other')).toBeUndefined();
      expect(requests).toEqual([]);
    });

    it('fetches a key from its server once, then answers from the database', async () => {
      const { client, requests } = fakeFederation({ 'a.example': () => keysOf('a.example') });
      const first = await services(client).remoteKeys.getVerifyKey('a.example', 'ed25519:r1');
      expect(first).toMatchObject({ serverName: 'a.example', key: remoteKey.publicKeyBase64 });
      expect(first?.expiredTs).toBeUndefined();
      // A new service (another process, a restart) reads what the first one stored.
      expect(await services(client).remoteKeys.getVerifyKey('a.example', 'ed25519:r1')).toEqual(first);
      expect(requests).toEqual(['a.example GET /_matrix/key/v2/server']);
    });

    it('refetches when the stored key is not valid long enough, at most once a minute', async () => {
      const { client, requests } = fakeFederation({ 'b.example': () => keysOf('b.example', 1000) });
      const { remoteKeys } = services(client);
      const later = Date.now() + 3_600_000;
      expect(await remoteKeys.getVerifyKey('b.example', 'ed25519:r1', later)).toBeUndefined();
      expect(await remoteKeys.getVerifyKey('b.example', 'ed25519:r1', later)).toBeUndefined();
      expect(await remoteKeys.getVerifyKey('b.example', 'ed25519:r1', 0)).toBeDefined();
      expect(requests).toHaveLength(1);
    });

    it('shares one fetch between concurrent lookups', async () => {
      const { client, requests } = fakeFederation({ 'c.example': () => keysOf('c.example') });
      const { remoteKeys } = services(client);
      await Promise.all([1, 2, 3].map(() => remoteKeys.getVerifyKey('c.example', 'ed25519:r1')));
      expect(requests).toHaveLength(1);
    });

    it('refuses a response signed by someone else, and answers undefined', async () => {
      const forged = () => signJson(keysOf('d.example'), 'd.example', 'ed25519:r1', notaryKey);
      const { client } = fakeFederation({ 'd.example': forged });
      expect(await services(client).remoteKeys.getVerifyKey('d.example', 'ed25519:r1')).toBeUndefined();
    });

    it('asks the notaries when the server does not answer, checking both signatures', async () => {
      const { client, requests } = fakeFederation({
        'notary.example': (request) => {
          expect(request.body).toEqual({
            server_keys: { 'e.example': { 'ed25519:r1': { minimum_valid_until_ts: expect.any(Number) } } },
          });
          return {
            server_keys: [
              signJson(keysOf('e.example'), 'notary.example', 'ed25519:n', notaryKey),
              // Not countersigned by the notary: dropped.
              keysOf('e.example', 999_999_999),
            ],
          };
        },
      });
      const { remoteKeys } = services(client, [NOTARY]);
      const key = await remoteKeys.getVerifyKey('e.example', 'ed25519:r1');
      expect(key).toMatchObject({ key: remoteKey.publicKeyBase64 });
      expect(key!.validUntilTs).toBeLessThan(Date.now() + 3_700_000);
      expect(requests).toEqual([
        'e.example GET /_matrix/key/v2/server',
        'notary.example POST /_matrix/key/v2/query',
      ]);
      // Within the minute, a made-up key ID makes no more requests, to the server or the notary.
      expect(await remoteKeys.getVerifyKey('e.example', 'ed25519:made_up')).toBeUndefined();
      expect(requests).toHaveLength(2);
    });

    it('ignores what a notary relays without its own signature', async () => {
      const { client } = fakeFederation({ 'notary.example': () => ({ server_keys: [keysOf('f.example')] }) });
      expect(
        await services(client, [NOTARY]).remoteKeys.getVerifyKey('f.example', 'ed25519:r1'),
      ).toBeUndefined();
    });

    describe('as a notary', () => {
      it('returns our own keys for our own name, signed', async () => {
        const { keyQuery } = services(fakeFederation({}).client);
        const [keys] = await keyQuery.query('us.example', { keyIds: [], minimumValidUntilTs: Date.now() });
        expect(keys.verify_keys).toEqual({ 'ed25519:own': { key: ownKey.publicKeyBase64 } });
      });

      it("returns the server's own response, countersigned, and serves it from the cache while fresh", async () => {
        const { client, requests } = fakeFederation({ 'g.example': () => keysOf('g.example') });
        const { keyQuery } = services(client);
        const criteria = { keyIds: [], minimumValidUntilTs: Date.now() };
        const [first] = await keyQuery.query('g.example', criteria);
        expect(Object.keys(first.signatures ?? {}).sort()).toEqual(['g.example', 'us.example']);
        await keyQuery.query('g.example', criteria);
        expect(requests).toHaveLength(1);
      });

      it('serves the last cached response when the server is down, and nothing for an unknown one', async () => {
        const up = fakeFederation({ 'h.example': () => keysOf('h.example', 1000) });
        await services(up.client).remoteKeys.getVerifyKey('h.example', 'ed25519:r1');
        const down = services(fakeFederation({}).client).keyQuery;
        const later = { keyIds: [], minimumValidUntilTs: Date.now() + 3_600_000 };
        expect(await down.query('h.example', later)).toHaveLength(1);
        expect(await down.query('nobody.example', later)).toEqual([]);
      });

      it('answers only the asked key IDs when some are given', async () => {
        const { client } = fakeFederation({ 'i.example': () => keysOf('i.example') });
        const { keyQuery } = services(client);
        const now = Date.now();
        expect(
          await keyQuery.query('i.example', { keyIds: ['ed25519:r1'], minimumValidUntilTs: now }),
        ).toHaveLength(1);
        expect(
          await keyQuery.query('i.example', { keyIds: ['ed25519:zz'], minimumValidUntilTs: now }),
        ).toEqual([]);
      });
    });
  },
);
