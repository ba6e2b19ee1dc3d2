import { Inject, Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { MatrixError } from '@switchboard/protocol';
import { UserEntity } from '../entities/user.entity';
import { DATA_SOURCE } from '../storage.tokens';

export interface UserRow {
  userId: string;
  passwordHash: string | null;
  admin: boolean;
  deactivated: boolean;
  createdTs: number;
}

@Injectable()
export class UsersRepository {
  private readonly users: Repository<UserEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  /** Creates the account; M_USER_IN_USE when the ID is taken (client-server-api "register"). */
  async create(row: Omit<UserRow, 'deactivated'>): Promise<UserRow> {
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ ...row, deactivated: false })
      .orIgnore()
      .returning('user_id')
      .execute();
    if (inserted.raw.length === 0) throw new MatrixError('M_USER_IN_USE', 400, 'User ID already taken.');
    return { ...row, deactivated: false };
  }

  async find(userId: string): Promise<UserRow | null> {
    const user = await this.users.findOneBy({ userId });
    return user ? { ...user } : null;
  }

  async count(): Promise<number> {
    return this.users.count();
  }
}
