import { presenceEvent, receiptEvent, typingEvent } from './basic-events';

describe('events outside the room graph', () => {
  it('m.receipt batches receipts per event, type and user, with thread_id only when threaded (modules/receipts.md)', () => {
    expect(
      receiptEvent([
        {
          eventId: '$I',
          receiptType: 'm.read',
          userId: '@user:example.org',
          ts: 1661384801651,
          threadId: 'main',
        },
        { eventId: '$D', receiptType: 'm.read', userId: '@user:example.org', ts: 1661384801651 },
        { eventId: '$D', receiptType: 'm.read.private', userId: '@user:example.org', ts: 5 },
      ]),
    ).toEqual({
      type: 'm.receipt',
      content: {
        $I: { 'm.read': { '@user:example.org': { ts: 1661384801651, thread_id: 'main' } } },
        $D: {
          'm.read': { '@user:example.org': { ts: 1661384801651 } },
          'm.read.private': { '@user:example.org': { ts: 5 } },
        },
      },
    });
  });

  it('m.typing lists the typing users, and m.presence leaves out absent fields', () => {
    expect(typingEvent(['@a:x'])).toEqual({ type: 'm.typing', content: { user_ids: ['@a:x'] } });
    expect(
      presenceEvent('@a:x', { presence: 'online', status_msg: undefined, currently_active: true }),
    ).toEqual({
      type: 'm.presence',
      sender: '@a:x',
      content: { presence: 'online', currently_active: true },
    });
  });
});
