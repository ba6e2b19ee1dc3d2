import { MediaRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('MediaRepository', (db) => {
  const media = new MediaRepository();
  const q = () => db().dataSource.manager;
  const content = { contentType: 'image/png', uploadName: 'a.png', size: 3, uploadedTs: 5 };

  it('stores an upload and replaces a cached remote row of the same ID', async () => {
    await media.insertContent(q(), 'test', 'up1', '@a:test', content);
    expect(await media.get(q(), 'test', 'up1')).toEqual({
      origin: 'test',
      mediaId: 'up1',
      userId: '@a:test',
      contentType: 'image/png',
      uploadName: 'a.png',
      size: 3,
      createdTs: 5,
      uploadedTs: 5,
      unusedExpiresTs: null,
    });
    await media.insertContent(q(), 'remote', 'r1', null, content);
    await media.insertContent(q(), 'remote', 'r1', null, { ...content, size: 9, uploadedTs: 7 });
    expect(await media.get(q(), 'remote', 'r1')).toMatchObject({ size: 9, uploadedTs: 7 });
    expect(await media.get(q(), 'test', 'unknown')).toBeUndefined();
  });

  it('completes a pending create once, and counts only unexpired pending ones', async () => {
    await media.insertPending(q(), 'test', 'p1', '@b:test', 1, 100);
    await media.insertPending(q(), 'test', 'p2', '@b:test', 1, 10);
    expect(await media.countPending(q(), '@b:test', 50)).toBe(1);
    expect(await media.get(q(), 'test', 'p1')).toMatchObject({ uploadedTs: null, unusedExpiresTs: 100 });
    expect(await media.completePending(q(), 'test', 'p1', content)).toBe(true);
    expect(await media.completePending(q(), 'test', 'p1', { ...content, size: 1 })).toBe(false);
    expect(await media.get(q(), 'test', 'p1')).toMatchObject({ size: 3, uploadedTs: 5 });
    expect(await media.countPending(q(), '@b:test', 0)).toBe(1);
  });
});
