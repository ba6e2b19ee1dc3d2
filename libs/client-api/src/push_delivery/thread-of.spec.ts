import { Pdu } from '@switchboard/protocol';
import { MAIN_THREAD, threadOf } from './thread-of';

const pdu = (relatesTo?: Record<string, unknown>): Pdu =>
  ({
    type: 'm.room.message',
    sender: '@s:example.org',
    content: relatesTo ? { body: 'x', 'm.relates_to': relatesTo } : { body: 'x' },
  }) as unknown as Pdu;

describe('push.md "Receiving notifications": the thread an event counts in', () => {
  const events = new Map<string, Pdu>([
    ['$in-thread', pdu({ rel_type: 'm.thread', event_id: '$root' })],
    ['$hop1', pdu({ rel_type: 'm.reference', event_id: '$in-thread' })],
    ['$hop2', pdu({ rel_type: 'm.reference', event_id: '$hop1' })],
    ['$hop3', pdu({ rel_type: 'm.reference', event_id: '$hop2' })],
  ]);
  const lookup = async (ids: string[]) =>
    new Map(ids.flatMap((id) => (events.has(id) ? [[id, events.get(id)!]] : [])));

  it('an m.thread relation names the thread; no relation is the main timeline', async () => {
    expect(await threadOf(events.get('$in-thread')!, lookup)).toBe('$root');
    expect(await threadOf(pdu(), lookup)).toBe(MAIN_THREAD);
    expect(await threadOf(pdu({ rel_type: 'm.annotation', event_id: '$unknown', key: 'x' }), lookup)).toBe(
      MAIN_THREAD,
    );
  });

  it('other relations are followed for "a maximum of 3 hops"', async () => {
    expect(await threadOf(pdu({ rel_type: 'm.annotation', event_id: '$in-thread', key: 'x' }), lookup)).toBe(
      '$root',
    );
    expect(await threadOf(pdu({ rel_type: 'm.reference', event_id: '$hop2' }), lookup)).toBe('$root');
    expect(await threadOf(pdu({ rel_type: 'm.reference', event_id: '$hop3' }), lookup)).toBe(MAIN_THREAD);
  });
});
