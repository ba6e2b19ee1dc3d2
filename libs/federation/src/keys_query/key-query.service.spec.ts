import { ServerKeyRow } from '@switchboard/storage';
import { OwnKeysService } from '../keys/own-keys.service';
import { RemoteKeysService } from '../keys/remote-keys.service';
import { KeyQueryService } from './key-query.service';

/**
 * The notary's cache (server-server-api "Querying Keys Through Another Server"; SyTest 01keys "Key
 * notary server should return an expired key if it can't find any others" and "must not overwrite
 * a valid key with a spurious result from the origin server").
 */
describe('KeyQueryService cache', () => {
  const now = Date.now();
  const day = 86_400_000;
  const row = (keyId: string, validUntilTs: number, fetchedTs = now - 1000): ServerKeyRow => ({
    serverName: 'remote.test',
    keyId,
    verifyKey: 'k',
    validUntilTs,
    expiredTs: null,
    fetchedTs,
    keyJson: JSON.stringify({ server_name: 'remote.test', verify_keys: { [keyId]: { key: 'k' } } }),
  });
  let rows: ServerKeyRow[];
  const refresh = jest.fn(async () => 'failed' as const);
  const service = new KeyQueryService(
    { serverName: 'notary.test', sign: (json: unknown) => json } as unknown as OwnKeysService,
    { storedKeys: async () => rows, refreshFromServer: refresh } as unknown as RemoteKeysService,
  );
  beforeEach(() => refresh.mockClear());

  it('serves a cached expired key to a caller who accepts it, without asking the server', async () => {
    rows = [row('ed25519:key_1', now - day, now - 2 * day)];
    const answer = await service.query('remote.test', {
      keyIds: ['ed25519:key_1'],
      minimumValidUntilTs: now - day,
    });
    expect(refresh).not.toHaveBeenCalled();
    expect(answer).toHaveLength(1);
  });

  it('asks the server, unthrottled, for a key not valid until the asked time, and serves the cache when it fails', async () => {
    rows = [row('ed25519:key_0', now - day)];
    const answer = await service.query('remote.test', {
      keyIds: ['ed25519:key_0'],
      minimumValidUntilTs: now,
    });
    expect(refresh).toHaveBeenCalledWith('remote.test', false);
    expect(answer).toHaveLength(1);
  });

  it('asks again for a still valid key past half its lifetime, not before', async () => {
    rows = [row('ed25519:a', now + day, now - 1000)];
    await service.query('remote.test', { keyIds: [], minimumValidUntilTs: now });
    expect(refresh).not.toHaveBeenCalled();
    rows = [row('ed25519:a', now + day, now - 2 * day)];
    await service.query('remote.test', { keyIds: [], minimumValidUntilTs: now });
    expect(refresh).toHaveBeenCalled();
  });
});
