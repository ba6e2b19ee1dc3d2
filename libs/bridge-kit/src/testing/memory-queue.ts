import { BridgeDirection, BridgeQueue, BridgeQueueFailure } from '../queue/bridge-queue.port';

type Handler = (chat: string, payload: unknown) => Promise<void>;

/**
 * An in-memory BridgeQueue for runtime tests: items of one chat run one at a time in order; a
 * failing item is recorded as failed at once (no retries). `idle()` waits until all are handled.
 */
export function createMemoryQueue(): BridgeQueue & { idle(): Promise<void> } {
  const handlers = new Map<BridgeDirection, Handler>();
  const chains = new Map<string, Promise<void>>();
  const failures: BridgeQueueFailure[] = [];
  const seenKeys = new Set<string>();
  const waiting: { direction: BridgeDirection; chat: string; payload: unknown }[] = [];
  let running = false;
  let pending = 0;
  let nextId = 0;

  const run = (direction: BridgeDirection, chat: string, payload: unknown) => {
    const key = `${direction}|${chat}`;
    pending++;
    const chain = (chains.get(key) ?? Promise.resolve()).then(async () => {
      try {
        await handlers.get(direction)?.(chat, payload);
      } catch (err) {
        failures.push({
          id: String(nextId++),
          direction,
          chat,
          payload,
          attempts: 1,
          lastError: String(err),
          failedAt: Date.now(),
        });
      } finally {
        pending--;
      }
    });
    chains.set(key, chain);
  };
  const push = (direction: BridgeDirection, chat: string, payload: unknown) => {
    if (running) run(direction, chat, payload);
    else waiting.push({ direction, chat, payload });
  };

  return {
    push: async (direction, chat, payload) => push(direction, chat, payload),
    async pushMany(items, options?: { dedupeKey?: string }) {
      if (options?.dedupeKey !== undefined) {
        if (seenKeys.has(options.dedupeKey)) return false;
        seenKeys.add(options.dedupeKey);
      }
      for (const item of items) push(item.direction, item.chat, item.payload);
      return true;
    },
    handle: (direction, handler) => void handlers.set(direction, handler),
    async start() {
      running = true;
      for (const item of waiting.splice(0)) run(item.direction, item.chat, item.payload);
    },
    async stop() {
      running = false;
      await Promise.all(chains.values());
    },
    async counts() {
      const failed = (d: BridgeDirection) => failures.filter((f) => f.direction === d).length;
      return {
        'to-matrix': { pending, failed: failed('to-matrix') },
        'to-remote': { pending: 0, failed: failed('to-remote') },
      };
    },
    failures: async (limit = 100) => failures.slice(0, limit),
    retryFailed: async () => false,
    dropFailed: async () => false,
    async idle() {
      while (pending > 0) await Promise.all(chains.values());
    },
  };
}
