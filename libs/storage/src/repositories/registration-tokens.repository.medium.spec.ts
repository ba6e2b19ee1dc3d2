import { RegistrationTokensRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('RegistrationTokensRepository', (db) => {
  const tokens = new RegistrationTokensRepository();
  const q = () => db().dataSource.manager;

  it('counts pending and completed uses against uses_allowed', async () => {
    await tokens.create(q(), { token: 'two', usesAllowed: 2, expiryTime: null });
    expect(await tokens.reserve(q(), 'two', 0)).toBe(true);
    expect(await tokens.reserve(q(), 'two', 0)).toBe(true);
    expect(await tokens.isValid(q(), 'two', 0)).toBe(false);
    expect(await tokens.reserve(q(), 'two', 0)).toBe(false);
    await tokens.release(q(), 'two');
    await tokens.consume(q(), 'two');
    expect(await tokens.get(q(), 'two')).toEqual({
      token: 'two',
      usesAllowed: 2,
      pending: 0,
      completed: 1,
      expiryTime: null,
    });
    expect(await tokens.isValid(q(), 'two', 0)).toBe(true);
  });

  it('refuses expired and unknown tokens', async () => {
    await tokens.create(q(), { token: 'soon', usesAllowed: null, expiryTime: 100 });
    expect(await tokens.isValid(q(), 'soon', 99)).toBe(true);
    expect(await tokens.isValid(q(), 'soon', 100)).toBe(false);
    expect(await tokens.reserve(q(), 'soon', 100)).toBe(false);
    expect(await tokens.isValid(q(), 'unknown', 0)).toBe(false);
  });
});
