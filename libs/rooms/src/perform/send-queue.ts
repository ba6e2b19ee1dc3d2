/** One caller's result: its value, or its own error. */
export type Settled<R> = { value: R } | { error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items pushed while a batch is being written wait, and the next batch takes all
 * of them (up to `maxBatch`) at once. One batch runs at a time; the first item of an idle queue
 * starts at once, so a lone caller waits for nothing. `run` settles each item of its batch on its
 * own; if it throws, every item of that batch gets the error.
 */
export class SendQueue<I, R> {
  private readonly waiting: Waiting<I, R>[] = [];
  private draining = false;

  constructor(
    private readonly maxBatch: number,
    private readonly run: (batch: I[]) => Promise<Settled<R>[]>,
  ) {}

  push(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        let results: Settled<R>[];
        try {
          results = await this.run(batch.map((w) => w.item));
        } catch (error) {
          results = batch.map(() => ({ error }));
        }
        batch.forEach((w, i) => {
          const result = results[i];
          if ('value' in result) w.resolve(result.value);
          else w.reject(result.error);
        });
      }
    } finally {
      this.draining = false;
    }
  }
}
