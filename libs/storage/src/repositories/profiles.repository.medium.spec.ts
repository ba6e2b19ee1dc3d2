import { ProfilesRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('ProfilesRepository', (db) => {
  const profiles = new ProfilesRepository();
  const q = () => db().dataSource.manager;
  const USER = '@alice:test.local';

  it('creates a profile from its initial fields on first write and replaces its fields', async () => {
    expect(await profiles.get(q(), USER)).toBeNull();
    await db().dataSource.transaction(async (tx) => {
      const fields = await profiles.getForUpdate(tx, USER, { displayname: 'alice' });
      expect(fields).toEqual({ displayname: 'alice' });
      await profiles.put(tx, USER, { ...fields, avatar_url: 'mxc://test.local/a', 'm.tz': 'Europe/London' });
    });
    await db().dataSource.transaction(async (tx) => {
      expect(await profiles.getForUpdate(tx, USER, { displayname: 'ignored' })).toEqual({
        displayname: 'alice',
        avatar_url: 'mxc://test.local/a',
        'm.tz': 'Europe/London',
      });
      await profiles.put(tx, USER, { displayname: 'Alice' });
    });
    expect(await profiles.get(q(), USER)).toEqual({ displayname: 'Alice' });
  });
});
