import { SyncStream } from './sync-stream';
import { orderStreams } from './sync-stream.registry';

const stream = (key: string, after?: string[]): SyncStream => ({
  key,
  after,
  latest: async () => 0,
  full: async () => undefined,
  incremental: async () => undefined,
});

describe('the sync stream registry order', () => {
  it('runs each stream after the streams it names, whatever the discovery order', () => {
    const order = orderStreams([
      stream('typing', ['events']),
      stream('receipts', ['events']),
      stream('events'),
    ]);
    expect(order.map((s) => s.key)).toEqual(['events', 'receipts', 'typing']);
  });

  it('ignores a dependency on a stream that is not registered', () => {
    expect(orderStreams([stream('typing', ['threads'])]).map((s) => s.key)).toEqual(['typing']);
  });

  it('refuses two streams with one key, and cycles', () => {
    expect(() => orderStreams([stream('a'), stream('a')])).toThrow(/two sync streams/);
    expect(() => orderStreams([stream('a', ['b']), stream('b', ['a'])])).toThrow(/cycle/);
  });
});
