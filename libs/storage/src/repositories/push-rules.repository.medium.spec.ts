import { PushRulesRepository, UsersRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('PushRulesRepository', (db) => {
  it('stores one document per user, read back as written; null before any change', async () => {
    const rules = new PushRulesRepository();
    const user = '@r:test.local';
    await new UsersRepository(db().dataSource).create({
      userId: user,
      passwordHash: null,
      admin: false,
      createdTs: 1,
    });
    const q = db().dataSource.manager;
    expect(await rules.get(q, user)).toBeNull();
    await db().dataSource.transaction(async (tx) => {
      expect(await rules.lock(tx, user)).toEqual({});
      await rules.put(tx, user, { defaults: { override: { '.m.rule.master': { enabled: true } } } });
    });
    expect(await rules.get(q, user)).toEqual({
      defaults: { override: { '.m.rule.master': { enabled: true } } },
    });
  });
});
