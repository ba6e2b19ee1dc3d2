import { InProcessNotifier } from '@switchboard/queue';
import { SyncRequest, SyncResponseBuilder, SyncStream } from './sync-stream';
import { SyncStreamRegistry } from './sync-stream.registry';
import { encodeSyncToken, parseSyncToken } from './sync-token';
import { SyncService } from './sync.service';

/** A stream over an in-memory list of (position, event) that publishes like the real ones. */
class ListStream implements SyncStream {
  readonly items: { pos: number; value: string }[] = [];
  constructor(
    readonly key: string,
    private readonly notifier: InProcessNotifier,
  ) {}

  async add(value: string): Promise<void> {
    const pos = this.items.length + 1;
    this.items.push({ pos, value });
    await this.notifier.publish(this.key, pos);
  }

  async latest(): Promise<number> {
    return this.items.length;
  }

  async full(_req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    this.put(out, 0, to);
  }

  async incremental(_req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    this.put(out, from, to);
  }

  private put(out: SyncResponseBuilder, from: number, to: number): void {
    const values = this.items.filter((i) => i.pos > from && i.pos <= to).map((i) => i.value);
    if (values.length > 0) out.body[this.key] = { events: values };
  }
}

describe('SyncService (STYLE.md §1): compute, long-poll, compute again', () => {
  const req = (since?: string): SyncRequest => ({
    userId: '@a:x',
    deviceId: 'D',
    filter: {},
    fullState: false,
    since: since === undefined ? undefined : parseSyncToken(since),
  });

  const setup = () => {
    const notifier = new InProcessNotifier();
    const a = new ListStream('alpha', notifier);
    const b = new ListStream('beta', notifier);
    const registry = { streams: [a, b] } as unknown as SyncStreamRegistry;
    return { a, b, service: new SyncService(registry, notifier) };
  };

  it('an initial sync returns everything and a token with every stream position', async () => {
    const { a, b, service } = setup();
    await a.add('a1');
    await b.add('b1');
    await b.add('b2');
    const body = await service.sync(req(), 5_000);
    expect(body).toMatchObject({ alpha: { events: ['a1'] }, beta: { events: ['b1', 'b2'] } });
    expect(parseSyncToken(body.next_batch)).toEqual(
      new Map([
        ['alpha', 1],
        ['beta', 2],
      ]),
    );
  });

  it('waits for any stream, then returns only what is new', async () => {
    const { a, b, service } = setup();
    await a.add('a1');
    const since = encodeSyncToken(
      new Map([
        ['alpha', 1],
        ['beta', 0],
      ]),
    );
    const waiting = service.sync(req(since), 5_000);
    setTimeout(() => void b.add('b1'), 30);
    const body = await waiting;
    expect(body.alpha).toBeUndefined();
    expect(body.beta).toEqual({ events: ['b1'] });
  });

  it('returns an empty response with the same positions after the timeout', async () => {
    const { a, service } = setup();
    await a.add('a1');
    const since = encodeSyncToken(
      new Map([
        ['alpha', 1],
        ['beta', 0],
      ]),
    );
    const started = Date.now();
    const body = await service.sync(req(since), 80);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(body).toEqual({ next_batch: since });
  });

  it('ends a long-poll when the client goes away', async () => {
    const { service } = setup();
    const gone = new AbortController();
    const waiting = service.sync(req(encodeSyncToken(new Map())), 60_000, gone.signal);
    setTimeout(() => gone.abort(), 20);
    await expect(waiting).resolves.toMatchObject({ next_batch: expect.any(String) });
  });

  it('never hands back a position behind the one the client sent', async () => {
    const { service } = setup();
    const since = encodeSyncToken(
      new Map([
        ['alpha', 7],
        ['beta', 3],
      ]),
    );
    expect((await service.sync(req(since), 0)).next_batch).toBe(since);
  });
});
