import { Pdu } from './pdu.types';
import { toStrippedState } from './stripped-state';

describe('client-server-api "Stripped state"', () => {
  const base = {
    room_id: '!r:x',
    sender: '@a:x',
    origin_server_ts: 1,
    depth: 1,
    prev_events: [],
    auth_events: [],
    hashes: { sha256: 'x' },
    signatures: {},
    unsigned: { age: 1 },
  };

  it('keeps only sender, type, state_key and content', () => {
    const pdu = { ...base, type: 'm.room.name', state_key: '', content: { name: 'n' } } as unknown as Pdu;
    expect(toStrippedState(pdu)).toEqual({
      content: { name: 'n' },
      sender: '@a:x',
      state_key: '',
      type: 'm.room.name',
    });
  });

  it('has nothing for a non-state event', () => {
    const pdu = { ...base, type: 'm.room.message', content: {} } as unknown as Pdu;
    expect(toStrippedState(pdu)).toBeUndefined();
  });
});
