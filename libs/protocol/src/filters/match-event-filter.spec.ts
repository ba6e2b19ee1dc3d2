import { JsonObject } from '../events/pdu.types';
import { applyEventFilter, eventFilterLimit, matchesEventFilter } from './match-event-filter';
import { parseFilter } from './parse-filter';
import { RoomEventFilter } from './filter.types';

const event = (extra: JsonObject = {}): JsonObject => ({
  type: 'm.room.message',
  sender: '@bob:example.org',
  room_id: '!a:example.org',
  event_id: '$e',
  content: { msgtype: 'm.text', body: 'hi' },
  ...extra,
});

const matches = (filter: RoomEventFilter, extra: JsonObject = {}) => matchesEventFilter(filter, event(extra));

describe('matchesEventFilter: types / not_types', () => {
  it('an absent list includes every type', () => {
    expect(matches({})).toBe(true);
  });

  it('includes listed types only', () => {
    expect(matches({ types: ['m.room.message'] })).toBe(true);
    expect(matches({ types: ['m.room.member'] })).toBe(false);
    expect(matches({ types: [] })).toBe(false);
  });

  it('"A `*` can be used as a wildcard to match any sequence of characters"', () => {
    expect(matches({ types: ['m.room.*'] })).toBe(true);
    expect(matches({ types: ['m.*.message'] })).toBe(true);
    expect(matches({ types: ['*'] })).toBe(true);
    expect(matches({ types: ['m.room.message*'] })).toBe(true);
    expect(matches({ types: ['m.call.*'] })).toBe(false);
    expect(matches({ types: ['*.member'] })).toBe(false);
  });

  it('takes other characters literally and compares case-sensitively', () => {
    expect(matches({ types: ['m?room?message'] })).toBe(false);
    expect(matches({ types: ['m.room.messag.'] })).toBe(false);
    expect(matches({ types: ['M.room.message'] })).toBe(false);
    expect(matches({ types: ['m.room.*'] }, { type: 'mXroom.message' })).toBe(false);
  });

  it('excludes not_types, with wildcards, even when types lists them', () => {
    expect(matches({ not_types: ['m.room.message'] })).toBe(false);
    expect(matches({ not_types: ['m.room.*'] })).toBe(false);
    expect(matches({ not_types: ['m.room.member'] })).toBe(true);
    expect(matches({ types: ['m.room.message'], not_types: ['m.room.message'] })).toBe(false);
    expect(matches({ types: ['m.room.message'], not_types: ['m.*'] })).toBe(false);
    expect(matches({ types: ['m.*'], not_types: ['m.room.member'] })).toBe(true);
  });

  it('an event with no string type passes only when no type list includes', () => {
    expect(matches({ not_types: ['*'] }, { type: 1 })).toBe(true);
    expect(matches({ types: ['*'] }, { type: 1 })).toBe(false);
  });
});

describe('matchesEventFilter: senders / not_senders', () => {
  it('includes listed senders, exactly', () => {
    expect(matches({ senders: ['@bob:example.org'] })).toBe(true);
    expect(matches({ senders: ['@carol:example.org'] })).toBe(false);
    expect(matches({ senders: ['@*'] })).toBe(false);
    expect(matches({ senders: [] })).toBe(false);
  });

  it('"A matching sender will be excluded even if it is listed in the `senders` filter"', () => {
    expect(matches({ not_senders: ['@bob:example.org'] })).toBe(false);
    expect(matches({ senders: ['@bob:example.org'], not_senders: ['@bob:example.org'] })).toBe(false);
    expect(matches({ not_senders: ['@carol:example.org'] })).toBe(true);
  });

  it('an event with no sender passes only when no sender list includes', () => {
    expect(matches({ not_senders: ['@bob:example.org'] }, { sender: null })).toBe(true);
    expect(matches({ senders: ['@bob:example.org'] }, { sender: undefined as unknown as string })).toBe(
      false,
    );
  });
});

describe('matchesEventFilter: rooms / not_rooms', () => {
  it('includes listed rooms and excludes not_rooms, which wins', () => {
    expect(matches({ rooms: ['!a:example.org'] })).toBe(true);
    expect(matches({ rooms: ['!b:example.org'] })).toBe(false);
    expect(matches({ not_rooms: ['!a:example.org'] })).toBe(false);
    expect(matches({ rooms: ['!a:example.org'], not_rooms: ['!a:example.org'] })).toBe(false);
    expect(matches({ not_rooms: ['!b:example.org'] })).toBe(true);
  });

  it('an event with no room_id fails a rooms list', () => {
    const accountData = { type: 'm.tag', content: { tags: {} } };
    expect(matchesEventFilter({ rooms: ['!a:example.org'] }, accountData)).toBe(false);
    expect(matchesEventFilter({ not_rooms: ['!a:example.org'] }, accountData)).toBe(true);
  });
});

describe('matchesEventFilter: contains_url', () => {
  const image = { content: { msgtype: 'm.image', body: 'cat.png', url: 'mxc://example.org/cat' } };

  it('true: "includes only events with a `url` key in their content"', () => {
    expect(matches({ contains_url: true }, image)).toBe(true);
    expect(matches({ contains_url: true })).toBe(false);
  });

  it('false: "excludes those events"', () => {
    expect(matches({ contains_url: false }, image)).toBe(false);
    expect(matches({ contains_url: false })).toBe(true);
  });

  it('omitted: "`url` key is not considered for filtering"', () => {
    expect(matches({}, image)).toBe(true);
  });

  it('looks for the key in content only, and tolerates a missing content', () => {
    expect(matches({ contains_url: true }, { url: 'mxc://x/y' })).toBe(false);
    expect(matches({ contains_url: false }, { content: null })).toBe(true);
    expect(matches({ contains_url: true }, { content: ['url'] })).toBe(false);
  });
});

describe('matchesEventFilter: rel_types / not_rel_types (MSC3874)', () => {
  const thread = { content: { body: 'x', 'm.relates_to': { rel_type: 'm.thread', event_id: '$root' } } };

  it('includes events related by a listed type only', () => {
    expect(matches({ rel_types: ['m.thread'] }, thread)).toBe(true);
    expect(matches({ rel_types: ['m.replace'] }, thread)).toBe(false);
    expect(matches({ rel_types: ['m.thread'] })).toBe(false);
  });

  it('excludes events related by a not_rel_types type, which wins', () => {
    expect(matches({ not_rel_types: ['m.thread'] }, thread)).toBe(false);
    expect(matches({ not_rel_types: ['m.thread'] })).toBe(true);
    expect(matches({ rel_types: ['m.thread'], not_rel_types: ['m.thread'] }, thread)).toBe(false);
  });
});

describe('matchesEventFilter: the spec example filter', () => {
  const filter = parseFilter({
    room: {
      state: { types: ['m.room.*'], not_rooms: ['!726s6s6q:example.com'] },
      timeline: {
        limit: 10,
        types: ['m.room.message'],
        not_rooms: ['!726s6s6q:example.com'],
        not_senders: ['@spam:example.com'],
      },
    },
    presence: { types: ['m.presence'], not_senders: ['@alice:example.com'] },
  });
  const timeline = filter.room?.timeline ?? {};
  const state = filter.room?.state ?? {};
  const presence = filter.presence ?? {};

  it('timeline: messages, but none from @spam or in !726s6s6q', () => {
    expect(matchesEventFilter(timeline, event())).toBe(true);
    expect(matchesEventFilter(timeline, event({ sender: '@spam:example.com' }))).toBe(false);
    expect(matchesEventFilter(timeline, event({ room_id: '!726s6s6q:example.com' }))).toBe(false);
    expect(matchesEventFilter(timeline, event({ type: 'm.room.member' }))).toBe(false);
  });

  it('state: any m.room.* state outside !726s6s6q', () => {
    expect(matchesEventFilter(state, event({ type: 'm.room.topic', state_key: '' }))).toBe(true);
    expect(matchesEventFilter(state, event({ type: 'org.example.state', state_key: '' }))).toBe(false);
  });

  it('presence: everyone but @alice', () => {
    const p = (sender: string) => ({ type: 'm.presence', sender, content: { presence: 'online' } });
    expect(matchesEventFilter(presence, p('@bob:example.com'))).toBe(true);
    expect(matchesEventFilter(presence, p('@alice:example.com'))).toBe(false);
  });
});

describe('limit', () => {
  const limits = { defaultLimit: 3, maxLimit: 5 };
  const events = Array.from({ length: 10 }, (_, i) => event({ event_id: `$${i}`, sender: `@u${i % 2}:x` }));

  it("applies the filter's limit, the server default when there is none, and the server maximum", () => {
    expect(eventFilterLimit({ limit: 2 }, limits)).toBe(2);
    expect(eventFilterLimit({}, limits)).toBe(3);
    expect(eventFilterLimit(undefined, limits)).toBe(3);
    expect(eventFilterLimit({ limit: 100 }, limits)).toBe(5);
  });

  it('keeps the first `limit` events that pass, in the order given', () => {
    expect(applyEventFilter({ limit: 2, senders: ['@u1:x'] }, events, limits).map((e) => e.event_id)).toEqual(
      ['$1', '$3'],
    );
    expect(applyEventFilter(undefined, events, limits)).toHaveLength(3);
    expect(applyEventFilter({ limit: 50 }, events, limits)).toHaveLength(5);
    expect(applyEventFilter({ types: ['none'] }, events, limits)).toEqual([]);
  });
});

describe('the compiled-wildcard cache', () => {
  it('keeps answering correctly after it fills up and starts over', () => {
    for (let i = 0; i < 2000; i++) expect(matches({ types: [`m.${i}*`] }, { type: `m.${i}x` })).toBe(true);
    expect(matches({ types: ['m.0*'] }, { type: 'm.0x' })).toBe(true);
  });
});
