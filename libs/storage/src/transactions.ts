import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from './storage.tokens';

/** Anything repositories can run SQL on: the pool, or an open transaction. */
export type Queryable = Pick<EntityManager, 'query'>;
/** An open transaction, handed from the service that opened it down to every repository call. */
export type Tx = EntityManager;

/** Work to do once an open transaction of `Transactions.run` has committed, by transaction. */
const committed = new WeakMap<Queryable, (() => void)[]>();

/**
 * Runs `hook` once what `q` wrote is visible to other connections: after the commit when `q` is
 * a transaction of `Transactions.run`, at once otherwise (the pool autocommits). A rolled-back
 * transaction never runs its hooks.
 */
export function afterCommit(q: Queryable, hook: () => void): void {
  const hooks = committed.get(q);
  if (hooks) hooks.push(hook);
  else hook();
}

@Injectable()
export class Transactions {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Runs `work` in one READ COMMITTED transaction: all of it is committed, or none. */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction((tx) => {
      committed.set(tx, hooks);
      return work(tx);
    });
    for (const hook of hooks) hook();
    return result;
  }

  /** The pool, for reads outside a transaction. */
  get reader(): Queryable {
    return this.dataSource.manager;
  }
}
