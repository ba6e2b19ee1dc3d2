import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from './storage.tokens';

/** Anything repositories can run SQL on: the pool, or an open transaction. */
export type Queryable = Pick<EntityManager, 'query'>;
/** An open transaction, handed from the service that opened it down to every repository call. */
export type Tx = EntityManager;

@Injectable()
export class Transactions {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Runs `work` in one READ COMMITTED transaction: all of it is committed, or none. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The pool, for reads outside a transaction. */
  get reader(): Queryable {
    return this.dataSource.manager;
  }
}
