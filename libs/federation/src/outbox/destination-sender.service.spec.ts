import { Logger } from 'pino';
import { testConfig } from '@switchboard/config/testing';
import {
  DestinationRetriesRepository,
  DestinationRetry,
  FederationOutboxRepository,
  Transactions,
} from '@switchboard/storage';
import { FederationClient } from '../transport/federation-client';
import { DestinationSender } from './destination-sender.service';

/**
 * Exponential backoff per destination, stored (as Synapse's `destinations` table) so that a restart
 * waits out what is left of it, and cleared once the destination is reachable again.
 */
describe('DestinationSender backoff', () => {
  const DEST = 'down.example';
  let pending: boolean;
  let stored: Map<string, DestinationRetry>;
  let request: jest.Mock;

  const sender = () => {
    const outbox = {
      destinationsWithPending: async () => (pending ? [DEST] : []),
      nextBatch: async (_tx: unknown, _dest: string, txnId: string) =>
        pending ? { txnId, eventIds: [], edus: [{ edu_type: 'm.test', content: {} }] } : null,
      pdus: async () => [],
      remove: async () => {
        pending = false;
      },
    };
    const retries = {
      list: async () => [...stored.values()],
      recordFailure: async (_q: unknown, destination: string, now: number, retryInterval: number) => {
        const failureTs = stored.get(destination)?.failureTs ?? now;
        stored.set(destination, { destination, failureTs, retryLastTs: now, retryInterval });
      },
      reset: async (_q: unknown, destination: string) => {
        stored.delete(destination);
      },
    };
    const logger = { warn: jest.fn(), error: jest.fn(), info: jest.fn() };
    return new DestinationSender(
      testConfig({ federation: { enabled: true } }),
      { reader: {}, run: (work: (tx: unknown) => unknown) => work({}) } as unknown as Transactions,
      outbox as unknown as FederationOutboxRepository,
      { request } as unknown as FederationClient,
      logger as unknown as Logger,
      retries as unknown as DestinationRetriesRepository,
    );
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    pending = true;
    stored = new Map();
    request = jest.fn(async () => {
      throw new Error('connection refused');
    });
  });
  afterEach(() => jest.useRealTimers());

  it('stores each failure, doubling the interval, and clears it when a transaction goes through', async () => {
    const s = sender();
    s.wake(DEST);
    await jest.advanceTimersByTimeAsync(0);
    expect(stored.get(DEST)).toEqual({
      destination: DEST,
      failureTs: 1_000_000,
      retryLastTs: 1_000_000,
      retryInterval: 1_000,
    });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(request).toHaveBeenCalledTimes(2);
    expect(stored.get(DEST)).toMatchObject({
      failureTs: 1_000_000,
      retryLastTs: 1_001_000,
      retryInterval: 2_000,
    });

    request.mockResolvedValue({});
    await jest.advanceTimersByTimeAsync(2_000);
    expect(request).toHaveBeenCalledTimes(3);
    expect(stored.size).toBe(0);
    await s.beforeApplicationShutdown();
  });

  it('after a restart, waits out the stored backoff unless the destination reaches us first', async () => {
    stored.set(DEST, { destination: DEST, failureTs: 900_000, retryLastTs: 990_000, retryInterval: 60_000 });
    const s = sender();
    await s.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(request).not.toHaveBeenCalled();

    request.mockResolvedValue({});
    s.peerIsUp(DEST);
    await jest.advanceTimersByTimeAsync(0);
    expect(request).toHaveBeenCalledTimes(1);
    expect(stored.size).toBe(0);
    expect(pending).toBe(false);
    await s.beforeApplicationShutdown();
  });

  it('after a restart, sends once the stored backoff has run out', async () => {
    stored.set(DEST, { destination: DEST, failureTs: 900_000, retryLastTs: 990_000, retryInterval: 20_000 });
    const s = sender();
    await s.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(9_999);
    expect(request).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(request).toHaveBeenCalledTimes(1);
    expect(stored.get(DEST)).toMatchObject({ failureTs: 900_000, retryInterval: 40_000 });
    await s.beforeApplicationShutdown();
  });
});
