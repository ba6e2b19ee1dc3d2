import { Pdu, stateKey } from '@switchboard/protocol';
import { EventRow } from '@switchboard/storage';
import { oldestFirst, stateFromRemote } from './06-backfill';
import { InputEvent, InputRejection } from './input.types';

const event = (id: string, depth: number): InputEvent => ({
  kind: 'backfill',
  roomId: '!r:remote.test',
  origin: 'remote.test',
  pdu: { event_id: id, depth } as unknown as Pdu,
});

const row = (eventId: string, type: string, stateKey: string | null) =>
  ({ eventId, type, stateKey }) as EventRow;

describe('backfill step 6', () => {
  it('places backfilled events oldest first, whatever order the server sent them in', () => {
    const sent = [event('c', 3), event('a', 1), event('b', 2)];
    expect(oldestFirst(sent).map((e) => e.pdu.event_id)).toEqual(['a', 'b', 'c']);
  });

  it('takes the state before an event from the IDs the server named, keyed by type and state key', () => {
    const rows = new Map([
      ['$create', row('$create', 'm.room.create', '')],
      ['$alice', row('$alice', 'm.room.member', '@alice:remote.test')],
    ]);
    expect(stateFromRemote(['$create', '$alice'], rows)).toEqual(
      new Map([
        [stateKey('m.room.create', ''), '$create'],
        [stateKey('m.room.member', '@alice:remote.test'), '$alice'],
      ]),
    );
  });

  it('drops the event (not rejects: a later backfill may place it) when a state event is missing', () => {
    const attempt = () => stateFromRemote(['$gone'], new Map());
    expect(attempt).toThrow(InputRejection);
    expect(attempt).toThrow(expect.objectContaining({ outcome: 'dropped' }));
  });

  it('drops the event when the server names a non-state event as state', () => {
    const rows = new Map([['$msg', row('$msg', 'm.room.message', null)]]);
    expect(() => stateFromRemote(['$msg'], rows)).toThrow(expect.objectContaining({ outcome: 'dropped' }));
  });
});
