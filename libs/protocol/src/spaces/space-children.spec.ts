import { IdentifiedPdu, stateKey } from '../state/state-map';
import { Pdu } from '../events/pdu.types';
import { spaceChildren } from './space-children';

function child(roomId: string, ts: number, content: Record<string, unknown>): [string, IdentifiedPdu] {
  const pdu = {
    type: 'm.space.child',
    state_key: roomId,
    sender: '@alice:example.org',
    origin_server_ts: ts,
    content,
  } as unknown as Pdu;
  return [stateKey('m.space.child', roomId), { eventId: `$${roomId}`, pdu }];
}

describe('spaceChildren', () => {
  it('orders children as modules/spaces.md "Ordering of children within a space" does', () => {
    const via = ['example.org'];
    const state = new Map([
      child('!b:example.org', 1640341000000, { order: ' ', via }),
      child('!a:example.org', 1640141000000, { order: 'aaaa', via }),
      child('!c:example.org', 1640841000000, { order: 'first', via }),
      child('!e:example.org', 1640641000000, { via }),
      child('!d:example.org', 1640741000000, { via }),
    ]);
    expect(spaceChildren(state).map((c) => c.state_key)).toEqual([
      '!b:example.org',
      '!a:example.org',
      '!c:example.org',
      '!e:example.org',
      '!d:example.org',
    ]);
  });

  it('treats an invalid order as absent and drops children without a via list', () => {
    const state = new Map([
      child('!x:example.org', 2, { order: 'é', via: ['example.org'] }),
      child('!y:example.org', 1, { order: 'x'.repeat(51), via: ['example.org'] }),
      child('!z:example.org', 3, { order: 'z', via: ['example.org'] }),
      child('!gone:example.org', 0, {}),
      child('!empty:example.org', 0, { via: [] }),
    ]);
    expect(spaceChildren(state).map((c) => c.state_key)).toEqual([
      '!z:example.org',
      '!y:example.org',
      '!x:example.org',
    ]);
  });
});
