import { AppserviceRoomListRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('AppserviceRoomListRepository', (db) => {
  const list = new AppserviceRoomListRepository();
  const q = () => db().dataSource.manager;

  it('keeps one list per application service and network, a room once in each', async () => {
    await list.add(q(), 'irc', 'freenode', '!b:hs');
    await list.add(q(), 'irc', 'freenode', '!a:hs');
    await list.add(q(), 'irc', 'freenode', '!a:hs');
    await list.add(q(), 'irc', 'oftc', '!a:hs');
    await list.add(q(), 'slack', 'freenode', '!c:hs');
    expect(await list.rooms(q(), 'irc', 'freenode')).toEqual(['!a:hs', '!b:hs']);
    expect(await list.rooms(q(), 'irc', 'oftc')).toEqual(['!a:hs']);
    expect(await list.rooms(q(), 'irc', 'other')).toEqual([]);
    expect(await list.allRooms(q())).toEqual(['!a:hs', '!b:hs', '!c:hs']);
  });

  it('removes a room from one list only; removing an absent room changes nothing', async () => {
    await list.add(q(), 'gitter', 'n1', '!r:hs');
    await list.add(q(), 'gitter', 'n2', '!r:hs');
    await list.remove(q(), 'gitter', 'n1', '!r:hs');
    await list.remove(q(), 'gitter', 'n1', '!absent:hs');
    expect(await list.rooms(q(), 'gitter', 'n1')).toEqual([]);
    expect(await list.rooms(q(), 'gitter', 'n2')).toEqual(['!r:hs']);
  });
});
