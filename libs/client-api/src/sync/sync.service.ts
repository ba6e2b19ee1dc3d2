import { Inject, Injectable } from '@nestjs/common';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { SyncResponse } from './sync-response';
import { SyncBody, SyncRequest, SyncStream } from './sync-stream';
import { SyncStreamRegistry } from './sync-stream.registry';
import { encodeSyncToken, StreamPositions } from './sync-token';

/** Timers past 2^31 ms fire at once; no client needs a request to hang for longer than this. */
const MAX_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs the registered streams (STYLE.md §1 "/sync stream providers"). Every stream reads up to
 * the position its `latest()` gave at the start of a computation, and positions are only handed
 * out in commit order, so one response is a consistent cut through all streams even though the
 * reads are separate queries. An empty incremental result long-polls on the notifier.
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly registry: SyncStreamRegistry,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async sync(req: SyncRequest, timeoutMs: number, signal?: AbortSignal): Promise<SyncBody> {
    const streams = this.registry.streams;
    const deadline = Date.now() + Math.min(timeoutMs, MAX_TIMEOUT_MS);
    for (const stream of streams) await stream.beforeSync?.(req);
    let from = req.since;
    for (let round = 0; ; round++) {
      const to = await this.latest(streams, from);
      const out = new SyncResponse();
      // A wake-up that no stream's latest() reflects would otherwise spin until the deadline.
      const stale = round > 0 && streams.every((s) => (to.get(s.key) ?? 0) <= (from?.get(s.key) ?? 0));
      const reached = new Map(to);
      const since = from;
      await runConcurrently(streams, async (stream) => {
        const upTo = to.get(stream.key) ?? 0;
        const capped =
          since === undefined
            ? await stream.full(req, out, upTo)
            : await stream.incremental(req, out, since.get(stream.key) ?? 0, upTo);
        if (typeof capped === 'number') reached.set(stream.key, capped);
      });
      out.body.next_batch = encodeSyncToken(reached);
      const remaining = deadline - Date.now();
      // "full_state [...] the timeout parameter will be ignored and the query will return immediately".
      if (
        from === undefined ||
        req.fullState ||
        stale ||
        out.hasUpdates() ||
        remaining <= 0 ||
        signal?.aborted
      ) {
        return out.body;
      }
      if (!(await this.waitForAny(streams, to, remaining, signal))) return out.body;
      // Nothing in (from, to] concerned this user: the next round starts at `to`.
      from = to;
    }
  }

  /** Each stream's newest position, never behind what the client already has. */
  private async latest(
    streams: readonly SyncStream[],
    from: StreamPositions | undefined,
  ): Promise<Map<string, number>> {
    const positions = await Promise.all(streams.map((s) => s.latest()));
    return new Map(streams.map((s, i) => [s.key, Math.max(positions[i], from?.get(s.key) ?? 0)]));
  }

  /** True as soon as any stream moves past `after`; false on timeout or abort. */
  private async waitForAny(
    streams: readonly SyncStream[],
    after: StreamPositions,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    const done = new AbortController();
    const stop = () => done.abort();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await Promise.race(
        streams.map(async (s) => {
          const at = after.get(s.key) ?? 0;
          return (await this.notifier.waitFor(s.key, at, timeoutMs, done.signal)) > at;
        }),
      );
    } finally {
      signal?.removeEventListener('abort', stop);
      done.abort();
    }
  }
}

/**
 * Runs every stream as soon as the streams its `after` names have run (`streams` come in
 * dependency order), so that a response costs its slowest chain of reads rather than all of
 * them; the streams write disjoint parts of the response. The first error, if any, is thrown
 * once every stream has settled, so no stream writes into a response already abandoned.
 */
async function runConcurrently(
  streams: readonly SyncStream[],
  run: (stream: SyncStream) => Promise<void>,
): Promise<void> {
  const running = new Map<string, Promise<void>>();
  for (const stream of streams) {
    const before = (stream.after ?? []).flatMap((key) => running.get(key) ?? []);
    running.set(
      stream.key,
      Promise.all(before).then(() => run(stream)),
    );
  }
  const settled = await Promise.allSettled(running.values());
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
