import { RoomAliasesRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('RoomAliasesRepository', (db) => {
  const aliases = new RoomAliasesRepository();
  const q = () => db().dataSource.manager;

  it('maps an alias to a room once; a second insert of the same alias writes nothing', async () => {
    expect(await aliases.insert(q(), { alias: '#a:hs', roomId: '!r1:hs', creator: '@u:hs' })).toBe(true);
    expect(await aliases.insert(q(), { alias: '#a:hs', roomId: '!r2:hs', creator: '@v:hs' })).toBe(false);
    expect(await aliases.get(q(), '#a:hs')).toEqual({ alias: '#a:hs', roomId: '!r1:hs', creator: '@u:hs' });
    expect(await aliases.get(q(), '#nope:hs')).toBeNull();
  });

  it("lists a room's aliases, moves them to another room, and deletes one", async () => {
    await aliases.insert(q(), { alias: '#c:hs', roomId: '!old:hs', creator: '@u:hs' });
    await aliases.insert(q(), { alias: '#b:hs', roomId: '!old:hs', creator: '@u:hs' });
    expect(await aliases.forRoom(q(), '!old:hs')).toEqual(['#b:hs', '#c:hs']);
    expect(await aliases.moveRoom(q(), '!old:hs', '!new:hs')).toEqual(['#b:hs', '#c:hs']);
    expect(await aliases.forRoom(q(), '!old:hs')).toEqual([]);
    expect(await aliases.delete(q(), '#b:hs')).toBe(true);
    expect(await aliases.delete(q(), '#b:hs')).toBe(false);
    expect(await aliases.forRoom(q(), '!new:hs')).toEqual(['#c:hs']);
  });
});
