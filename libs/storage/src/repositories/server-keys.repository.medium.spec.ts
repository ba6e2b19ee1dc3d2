import { ServerKeyRow, ServerKeysRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('ServerKeysRepository', (db) => {
  const keys = new ServerKeysRepository();
  const q = () => db().dataSource.manager;
  const row = (over: Partial<ServerKeyRow>): ServerKeyRow => ({
    serverName: 'remote.example',
    keyId: 'ed25519:a',
    verifyKey: 'AAAA',
    validUntilTs: 1000,
    expiredTs: null,
    fetchedTs: 100,
    keyJson: '{"server_name":"remote.example"}',
    ...over,
  });

  it('stores the keys of a response and reads them back by key and by server', async () => {
    await keys.upsert(q(), [
      row({ keyId: 'ed25519:a' }),
      row({ keyId: 'ed25519:old', validUntilTs: 500, expiredTs: 500 }),
    ]);
    expect(await keys.get(q(), 'remote.example', 'ed25519:a')).toEqual(row({ keyId: 'ed25519:a' }));
    expect((await keys.forServer(q(), 'remote.example')).map((r) => [r.keyId, r.expiredTs])).toEqual([
      ['ed25519:a', null],
      ['ed25519:old', 500],
    ]);
    expect(await keys.get(q(), 'remote.example', 'ed25519:none')).toBeNull();
    expect(await keys.forServer(q(), 'other.example')).toEqual([]);
  });

  it('replaces a key only with a row valid at least as long', async () => {
    await keys.upsert(q(), [row({ keyId: 'ed25519:b', validUntilTs: 2000, fetchedTs: 200 })]);
    await keys.upsert(q(), [row({ keyId: 'ed25519:b', validUntilTs: 1500, fetchedTs: 300, keyJson: '{}' })]);
    expect(await keys.get(q(), 'remote.example', 'ed25519:b')).toMatchObject({
      validUntilTs: 2000,
      fetchedTs: 200,
    });
    await keys.upsert(q(), [
      row({ keyId: 'ed25519:b', validUntilTs: 2000, fetchedTs: 400, verifyKey: 'BBBB' }),
    ]);
    expect(await keys.get(q(), 'remote.example', 'ed25519:b')).toMatchObject({
      validUntilTs: 2000,
      fetchedTs: 400,
      verifyKey: 'BBBB',
    });
  });

  it('takes the last of duplicate rows in one call, and nothing for an empty one', async () => {
    await keys.upsert(q(), []);
    await keys.upsert(q(), [
      row({ serverName: 'dup.example', verifyKey: 'first' }),
      row({ serverName: 'dup.example', verifyKey: 'second' }),
    ]);
    expect((await keys.get(q(), 'dup.example', 'ed25519:a'))?.verifyKey).toBe('second');
  });
});
