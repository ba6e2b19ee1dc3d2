import { UiaSessionRow, UiaSessionsRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('UiaSessionsRepository', (db) => {
  const sessions = new UiaSessionsRepository();
  const q = () => db().dataSource.manager;
  const session = (sessionId: string, expiresTs: number): UiaSessionRow => ({
    sessionId,
    operation: 'POST /_matrix/client/v3/register',
    requestHash: 'h',
    userId: null,
    completed: [],
    params: {},
    results: {},
    createdTs: 1,
    expiresTs,
  });

  it('stores, updates and deletes a session; an expired one is not found', async () => {
    await sessions.create(q(), session('live', 100));
    await sessions.update(q(), 'live', {
      userId: '@a:test.local',
      completed: ['m.login.dummy'],
      results: { x: 1 },
    });
    await db().dataSource.transaction(async (tx) => {
      expect(await sessions.lock(tx, 'live', 50)).toEqual({
        ...session('live', 100),
        userId: '@a:test.local',
        completed: ['m.login.dummy'],
        results: { x: 1 },
      });
      expect(await sessions.lock(tx, 'live', 100)).toBeNull();
    });
    await sessions.delete(q(), 'live');
    await db().dataSource.transaction(async (tx) => expect(await sessions.lock(tx, 'live', 50)).toBeNull());
  });

  it('deletes expired sessions and returns them', async () => {
    await sessions.create(q(), { ...session('old', 10), results: { registration_token: 't' } });
    await sessions.create(q(), session('new', 1000));
    const gone = await sessions.deleteExpired(q(), 500);
    expect(gone.map((s) => [s.sessionId, s.results])).toEqual([['old', { registration_token: 't' }]]);
    await db().dataSource.transaction(async (tx) =>
      expect(await sessions.lock(tx, 'new', 500)).not.toBeNull(),
    );
  });
});
