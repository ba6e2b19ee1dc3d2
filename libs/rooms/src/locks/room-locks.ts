import { Injectable } from '@nestjs/common';

/**
 * ARCHITECTURE.md step 3: writes to one room are serialised, different rooms proceed in parallel.
 * This is the in-process half (a promise chain per room); the Postgres advisory lock taken inside
 * the transaction (see EventPersister) covers several processes.
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
}
