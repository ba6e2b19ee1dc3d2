import { MatrixError } from '../errors/matrix-error';
import { parseEventFilter, parseFilter, parseRoomEventFilter } from './parse-filter';

function expectError(fn: () => unknown, errcode: string, field: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MatrixError);
    expect(e).toMatchObject({ errcode, status: 400 });
    expect((e as MatrixError).message).toContain(field);
    return;
  }
  throw new Error('expected a MatrixError');
}

/** The request body example of POST /user/{userId}/filter (filter.yaml). */
const specExample = {
  room: {
    state: { types: ['m.room.*'], not_rooms: ['!726s6s6q:example.com'] },
    timeline: {
      limit: 10,
      types: ['m.room.message'],
      not_rooms: ['!726s6s6q:example.com'],
      not_senders: ['@spam:example.com'],
    },
    ephemeral: {
      types: ['m.receipt', 'm.typing'],
      not_rooms: ['!726s6s6q:example.com'],
      not_senders: ['@spam:example.com'],
    },
  },
  presence: { types: ['m.presence'], not_senders: ['@alice:example.com'] },
  event_format: 'client',
  event_fields: ['type', 'content', 'sender'],
};

describe('parseFilter (sync_filter.yaml)', () => {
  it('reads the spec example unchanged', () => {
    expect(parseFilter(specExample)).toEqual(specExample);
  });

  it('reads every field', () => {
    const roomEventFilter = {
      limit: 5,
      types: ['m.*'],
      not_types: ['m.room.member'],
      senders: ['@a:example.org'],
      not_senders: ['@b:example.org'],
      rooms: ['!a:example.org'],
      not_rooms: ['!b:example.org'],
      contains_url: true,
      lazy_load_members: true,
      include_redundant_members: false,
      unread_thread_notifications: true,
      rel_types: ['m.thread'],
      not_rel_types: ['m.replace'],
    };
    const full = {
      event_fields: ['content.body'],
      event_format: 'federation',
      presence: {
        limit: 1,
        types: ['m.presence'],
        not_types: [],
        senders: ['@a:example.org'],
        not_senders: [],
      },
      account_data: { types: ['m.push_rules'] },
      room: {
        rooms: ['!a:example.org'],
        not_rooms: ['!c:example.org'],
        include_leave: true,
        ephemeral: roomEventFilter,
        state: roomEventFilter,
        timeline: roomEventFilter,
        account_data: roomEventFilter,
      },
    };
    expect(parseFilter(full)).toEqual(full);
  });

  it('accepts the empty filter', () => {
    expect(parseFilter({})).toEqual({});
  });

  it('ignores unknown keys at every level', () => {
    expect(
      parseFilter({ org_example: 1, room: { x: 1, timeline: { y: 2, limit: 3 } }, presence: { z: [] } }),
    ).toEqual({ room: { timeline: { limit: 3 } }, presence: {} });
  });

  it('an EventFilter (presence, account_data) has no room-event fields', () => {
    expect(parseFilter({ presence: { rooms: ['!a:example.org'], contains_url: true } })).toEqual({
      presence: {},
    });
  });

  it('rejects what is not a JSON object', () => {
    for (const value of [null, [], 'filter', 1, true])
      expectError(() => parseFilter(value), 'M_BAD_JSON', 'filter');
  });

  it('rejects wrongly typed fields, naming them', () => {
    expectError(() => parseFilter({ room: [] }), 'M_BAD_JSON', 'room');
    expectError(() => parseFilter({ presence: 1 }), 'M_BAD_JSON', 'presence');
    expectError(() => parseFilter({ account_data: 'x' }), 'M_BAD_JSON', 'account_data');
    expectError(() => parseFilter({ room: { timeline: 1 } }), 'M_BAD_JSON', 'room.timeline');
    expectError(
      () => parseFilter({ room: { state: { types: 'm.room.*' } } }),
      'M_BAD_JSON',
      'room.state.types',
    );
    expectError(() => parseFilter({ room: { state: { types: [1] } } }), 'M_BAD_JSON', 'room.state.types[0]');
    expectError(() => parseFilter({ room: { include_leave: 'yes' } }), 'M_BAD_JSON', 'room.include_leave');
    expectError(() => parseFilter({ room: { rooms: '!a:b' } }), 'M_BAD_JSON', 'room.rooms');
    expectError(
      () => parseFilter({ room: { timeline: { lazy_load_members: 1 } } }),
      'M_BAD_JSON',
      'room.timeline.lazy_load_members',
    );
    expectError(
      () => parseFilter({ room: { ephemeral: { contains_url: null } } }),
      'M_BAD_JSON',
      'contains_url',
    );
    expectError(() => parseFilter({ event_fields: 'content' }), 'M_BAD_JSON', 'event_fields');
    expectError(() => parseFilter({ event_fields: [null] }), 'M_BAD_JSON', 'event_fields[0]');
    expectError(() => parseFilter({ room: { timeline: { rel_types: [1] } } }), 'M_BAD_JSON', 'rel_types[0]');
  });

  it("limit is a non-negative integer (0, refused by the spec's wording, is accepted as Synapse does)", () => {
    expect(parseFilter({ room: { timeline: { limit: 1 } } })).toEqual({ room: { timeline: { limit: 1 } } });
    expect(parseFilter({ room: { timeline: { limit: 0 } } })).toEqual({ room: { timeline: { limit: 0 } } });
    expectError(() => parseFilter({ presence: { limit: -1 } }), 'M_INVALID_PARAM', 'presence.limit');
    expectError(
      () => parseFilter({ room: { timeline: { limit: 1.5 } } }),
      'M_BAD_JSON',
      'room.timeline.limit',
    );
    expectError(
      () => parseFilter({ room: { timeline: { limit: '10' } } }),
      'M_BAD_JSON',
      'room.timeline.limit',
    );
  });

  it("senders must be user IDs and rooms room IDs (the schema's `^@` and `^!`)", () => {
    expectError(
      () => parseFilter({ presence: { senders: ['alice'] } }),
      'M_INVALID_PARAM',
      'presence.senders[0]',
    );
    expectError(
      () => parseFilter({ room: { timeline: { not_senders: ['!x:y'] } } }),
      'M_INVALID_PARAM',
      'room.timeline.not_senders[0]',
    );
    expectError(() => parseFilter({ room: { rooms: ['#alias:y'] } }), 'M_INVALID_PARAM', 'room.rooms[0]');
    expectError(
      () => parseFilter({ room: { state: { not_rooms: ['@u:y'] } } }),
      'M_INVALID_PARAM',
      'not_rooms[0]',
    );
  });

  it('event_format is "client" or "federation"', () => {
    expect(parseFilter({ event_format: 'federation' })).toEqual({ event_format: 'federation' });
    expectError(() => parseFilter({ event_format: 'raw' }), 'M_INVALID_PARAM', 'event_format');
    expectError(() => parseFilter({ event_format: 1 }), 'M_INVALID_PARAM', 'event_format');
  });
});

describe('parseEventFilter and parseRoomEventFilter', () => {
  it('parse a filter on its own, as /messages takes a RoomEventFilter', () => {
    expect(parseRoomEventFilter({ lazy_load_members: true, types: ['m.room.message'] })).toEqual({
      lazy_load_members: true,
      types: ['m.room.message'],
    });
    expect(parseEventFilter({ types: ['m.presence'], rooms: ['!a:b'] })).toEqual({ types: ['m.presence'] });
    expectError(() => parseRoomEventFilter([]), 'M_BAD_JSON', 'filter');
    expectError(() => parseRoomEventFilter({ limit: -1 }), 'M_INVALID_PARAM', 'filter.limit');
  });
});
