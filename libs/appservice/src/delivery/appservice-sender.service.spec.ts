import { AppserviceRegistration } from '@switchboard/config';
import { createLogger } from '@switchboard/observability';
import { InProcessAdapter } from '@switchboard/queue';
import { ClientEvents } from '@switchboard/rooms';
import {
  AppserviceBatch,
  AppserviceOutboxRepository,
  EventsRepository,
  Transactions,
} from '@switchboard/storage';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { AppserviceClient, AppserviceRequest } from '../transport/appservice-client';
import { AppserviceSender } from './appservice-sender.service';

function registration(id: string, url: string | null): AppserviceRegistration {
  return {
    file: `${id}.yaml`,
    id,
    url,
    as_token: `as-${id}`,
    hs_token: `hs-${id}`,
    sender_localpart: `${id}bot`,
    namespaces: { users: [], aliases: [], rooms: [] },
    rate_limited: true,
    protocols: [],
    receive_ephemeral: false,
    msc3202: false,
    msc4190: false,
  };
}

/** An outbox of ephemeral entries only, in memory: batches keep their ID until removed. */
class MemoryOutbox {
  pending: string[] = [];
  private formed?: AppserviceBatch;
  private lastTxn = 0;

  async nextBatch(): Promise<AppserviceBatch | undefined> {
    if (!this.formed && this.pending.length > 0) {
      this.formed = {
        txnId: String(++this.lastTxn),
        eventIds: [],
        ephemeral: this.pending.splice(0, 2).map((n) => ({ n })),
        toDevice: [],
      };
    }
    return this.formed;
  }

  async remove(_q: unknown, _id: string, txnId: string): Promise<void> {
    if (this.formed?.txnId === txnId) this.formed = undefined;
  }

  async servicesWithPending(_q: unknown, among: string[]): Promise<string[]> {
    return this.pending.length > 0 ? among.filter((id) => id === 'bridge') : [];
  }
}

describe('AppserviceSender', () => {
  let queue: InProcessAdapter;
  let outbox: MemoryOutbox;
  let sent: { txnId: string; items: unknown[] }[];
  let failing: boolean;
  let sender: AppserviceSender;

  beforeEach(async () => {
    queue = new InProcessAdapter();
    outbox = new MemoryOutbox();
    sent = [];
    failing = false;
    const registry = new AppserviceRegistry({ server_name: 'hs.test' } as never);
    registry.replace([registration('bridge', 'http://127.0.0.1:1'), registration('silent', null)]);
    const client = {
      request: async (_service: unknown, request: AppserviceRequest) => {
        const body = request.body as { ephemeral?: unknown[] };
        sent.push({ txnId: request.path.split('/').pop()!, items: body.ephemeral ?? [] });
        if (failing) throw new Error('connect ECONNREFUSED');
        return {};
      },
    };
    const transactions = {
      reader: {},
      run: <T>(work: (tx: unknown) => Promise<T>) => work({}),
    } as unknown as Transactions;
    sender = new AppserviceSender(
      queue,
      registry,
      transactions,
      outbox as unknown as AppserviceOutboxRepository,
      { getMany: async () => new Map() } as unknown as EventsRepository,
      { serialize: async () => [] } as unknown as ClientEvents,
      client as unknown as AppserviceClient,
      createLogger('silent'),
    );
    await queue.start();
  });

  afterEach(async () => {
    sender.beforeApplicationShutdown();
    await queue.close();
  });

  const settle = () => new Promise((r) => setTimeout(r, 30));

  it('on boot sends what is pending, in order, as transactions of fresh IDs', async () => {
    outbox.pending = ['a', 'b', 'c'];
    await sender.onApplicationBootstrap();
    await settle();
    expect(sent).toEqual([
      { txnId: '1', items: [{ n: 'a' }, { n: 'b' }] },
      { txnId: '2', items: [{ n: 'c' }] },
    ]);
  });

  it('after a failure, waits out the backoff despite new wakes; a ping ends it and resends the same ID', async () => {
    failing = true;
    outbox.pending = ['a'];
    sender.wake('bridge');
    await settle();
    expect(sent).toEqual([{ txnId: '1', items: [{ n: 'a' }] }]);
    outbox.pending.push('b');
    sender.wake('bridge');
    await settle();
    expect(sent).toHaveLength(1);

    failing = false;
    sender.up('bridge');
    await settle();
    expect(sent).toEqual([
      { txnId: '1', items: [{ n: 'a' }] },
      { txnId: '1', items: [{ n: 'a' }] },
      { txnId: '2', items: [{ n: 'b' }] },
    ]);
  });

  it('retries by itself after the backoff', async () => {
    failing = true;
    outbox.pending = ['a'];
    sender.wake('bridge');
    await settle();
    failing = false;
    await new Promise((r) => setTimeout(r, 1_100));
    expect(sent.map((s) => s.txnId)).toEqual(['1', '1']);
  });

  it('sends nothing to a registration without a url, nor to an unknown one', async () => {
    outbox.pending = ['a'];
    sender.wake('silent');
    sender.wake('gone');
    await settle();
    expect(sent).toEqual([]);
  });
});
