import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A local account. Numbers of milliseconds are bigint columns read back as numbers. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  admin!: boolean;

  @Column({ type: 'boolean', default: false })
  deactivated!: boolean;

  @Column({
    name: 'created_ts',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  createdTs!: number;
}
