import { MatrixError } from '@switchboard/protocol';
import { UsersRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('UsersRepository', (db) => {
  it('creates a user and reads it back', async () => {
    const users = new UsersRepository(db().dataSource);
    await users.create({
      userId: '@alice:test.local',
      passwordHash: 'x',
      admin: true,
      createdTs: 1700000000000,
    });
    expect(await users.find('@alice:test.local')).toEqual({
      userId: '@alice:test.local',
      passwordHash: 'x',
      admin: true,
      deactivated: false,
      createdTs: 1700000000000,
    });
    expect(await users.find('@nobody:test.local')).toBeNull();
  });

  it('refuses a taken user ID with M_USER_IN_USE', async () => {
    const users = new UsersRepository(db().dataSource);
    const row = { userId: '@bob:test.local', passwordHash: null, admin: false, createdTs: 1 };
    await users.create(row);
    await expect(users.create(row)).rejects.toMatchObject(
      new MatrixError('M_USER_IN_USE', 400, 'User ID already taken.'),
    );
  });
});
