import { FiltersRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('FiltersRepository', (db) => {
  const filters = new FiltersRepository();
  const q = () => db().dataSource.manager;

  it('returns a stored filter to its owner only, under an ID that is not JSON', async () => {
    const id = await filters.insert(q(), '@a:test', '{"room":{"timeline":{"limit":5}}}', 1);
    expect(id).toMatch(/^[0-9]+$/);
    expect(await filters.get(q(), '@a:test', id)).toBe('{"room":{"timeline":{"limit":5}}}');
    expect(await filters.get(q(), '@b:test', id)).toBeNull();
  });

  it('gives distinct IDs and answers null for unknown or malformed ones', async () => {
    const a = await filters.insert(q(), '@a:test', '{}', 1);
    const b = await filters.insert(q(), '@a:test', '{}', 2);
    expect(a).not.toBe(b);
    expect(await filters.get(q(), '@a:test', '999999999')).toBeNull();
    expect(await filters.get(q(), '@a:test', 'abc')).toBeNull();
    expect(await filters.get(q(), '@a:test', '99999999999999999999999')).toBeNull();
  });
});
