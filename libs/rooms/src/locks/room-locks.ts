import { Injectable } from '@nestjs/common';

/**
 * ARCHITECTURE.md step 3: writes to one room are serialised, different rooms proceed in parallel.
 * This is the in-process half (a promise chain per room); the Postgres advisory lock taken inside
 * the transaction (EventWriter.lockRoom / lockRooms) covers several processes. Take these before
 * opening the transaction: the embedded database has one connection, and a writer holding it while
 * waiting here would block the lock's holder forever.
 */
@Injectable()
export class RoomLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withRoom<T>(roomId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(roomId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.tails.set(roomId, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(roomId) === tail) this.tails.delete(roomId);
    }
  }

  /** withRoom for several rooms at once, taken in one order so two such callers cannot deadlock. */
  withRooms<T>(roomIds: Iterable<string>, work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(roomIds)].sort();
    const take = (i: number): Promise<T> =>
      i === sorted.length ? work() : this.withRoom(sorted[i], () => take(i + 1));
    return take(0);
  }
}
