import { DestinationRetriesRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('DestinationRetriesRepository', (db) => {
  const retries = new DestinationRetriesRepository();
  const q = () => db().dataSource.manager;

  it('keeps when a run of failures began, the latest failure and the interval, until reset', async () => {
    expect(await retries.get(q(), 'down.example')).toBeNull();
    await retries.recordFailure(q(), 'down.example', 1_000, 1_000);
    await retries.recordFailure(q(), 'down.example', 2_500, 2_000);
    await retries.recordFailure(q(), 'also-down.example', 3_000, 1_000);
    expect(await retries.get(q(), 'down.example')).toEqual({
      destination: 'down.example',
      failureTs: 1_000,
      retryLastTs: 2_500,
      retryInterval: 2_000,
    });
    expect((await retries.list(q())).map((r) => r.destination)).toEqual([
      'also-down.example',
      'down.example',
    ]);

    await retries.reset(q(), 'down.example');
    expect(await retries.get(q(), 'down.example')).toBeNull();
    await retries.recordFailure(q(), 'down.example', 9_000, 1_000);
    expect((await retries.get(q(), 'down.example'))?.failureTs).toBe(9_000);
  });
});
