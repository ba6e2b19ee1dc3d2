import { RegistrationNoncesRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('RegistrationNoncesRepository', (db) => {
  const nonces = new RegistrationNoncesRepository();
  const q = () => db().dataSource.manager;

  it('takes a nonce once, and not once it is too old', async () => {
    await nonces.insert(q(), 'fresh', 1000);
    await nonces.insert(q(), 'stale', 10);
    expect(await nonces.take(q(), 'fresh', 500)).toBe(true);
    expect(await nonces.take(q(), 'fresh', 500)).toBe(false);
    expect(await nonces.take(q(), 'stale', 500)).toBe(false);
  });
});
