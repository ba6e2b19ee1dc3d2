import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import { JsonObject, JsonValue } from '../events/pdu.types';
import { projectEventFields } from './event-fields';
import { filterIncludesLeave, lazyLoadOptions, roomFilterIncludes } from './filter-options';
import { applyEventFilter, matchesEventFilter } from './match-event-filter';
import { parseFilter, parseRoomEventFilter } from './parse-filter';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const jsonObject = fc.dictionary(fc.string(), json) as fc.Arbitrary<JsonObject>;
const type = fc.constantFrom(
  'm.room.message',
  'm.room.member',
  'm.presence',
  'org.example.x',
  'm.*',
  '*',
  '',
);
const user = fc.constantFrom('@a:x', '@b:x', '@*');
const room = fc.constantFrom('!a:x', '!b:x');

const roomEventFilter = fc.oneof(
  fc.record(
    {
      limit: fc.oneof(fc.integer({ min: -2, max: 20 }), json),
      types: fc.oneof(fc.array(type), json),
      not_types: fc.oneof(fc.array(type), json),
      senders: fc.oneof(fc.array(user), json),
      not_senders: fc.oneof(fc.array(user), json),
      rooms: fc.oneof(fc.array(room), json),
      not_rooms: fc.oneof(fc.array(room), json),
      contains_url: fc.oneof(fc.boolean(), json),
      lazy_load_members: fc.oneof(fc.boolean(), json),
      include_redundant_members: fc.oneof(fc.boolean(), json),
      rel_types: fc.oneof(fc.array(fc.constantFrom('m.thread', 'm.replace')), json),
      not_rel_types: fc.oneof(fc.array(fc.constantFrom('m.thread', 'm.replace')), json),
    },
    { requiredKeys: [] },
  ),
  json,
);

const filter = fc.oneof(
  fc.record(
    {
      event_fields: fc.oneof(
        fc.array(fc.constantFrom('type', 'content.body', 'content', 'content.m\\.relates_to')),
        json,
      ),
      event_format: fc.oneof(fc.constantFrom('client', 'federation'), json),
      presence: roomEventFilter,
      room: fc.oneof(
        fc.record(
          {
            rooms: fc.oneof(fc.array(room), json),
            include_leave: fc.oneof(fc.boolean(), json),
            timeline: roomEventFilter,
            state: roomEventFilter,
          },
          { requiredKeys: [] },
        ),
        json,
      ),
    },
    { requiredKeys: [] },
  ),
  json,
);

const event: fc.Arbitrary<JsonObject> = fc.oneof(
  jsonObject,
  fc.record(
    {
      type: fc.oneof(type, json),
      sender: fc.oneof(user, json),
      room_id: fc.oneof(room, json),
      content: fc.oneof(
        fc.record(
          {
            url: json,
            body: json,
            'm.relates_to': fc.oneof(
              fc.record({ rel_type: fc.oneof(fc.constantFrom('m.thread'), json) }),
              json,
            ),
          },
          { requiredKeys: [] },
        ),
        json,
      ),
    },
    { requiredKeys: [] },
  ),
);

function onlyMatrixErrors<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof MatrixError)) throw e;
    return undefined;
  }
}

describe('filters never fail on arbitrary JSON', () => {
  it('parseFilter throws only MatrixError, and a parsed filter takes any event without throwing', () => {
    fc.assert(
      fc.property(filter, fc.array(event, { maxLength: 5 }), (f, events) => {
        const parsed = onlyMatrixErrors(() => parseFilter(f));
        if (parsed === undefined) return;
        const limits = { defaultLimit: 10, maxLimit: 100 };
        applyEventFilter(parsed.room?.timeline, events, limits);
        applyEventFilter(parsed.presence, events, limits);
        for (const e of events) projectEventFields(e, parsed.event_fields);
        roomFilterIncludes(parsed.room, '!a:x');
        filterIncludesLeave(parsed);
        lazyLoadOptions(parsed.room?.state);
      }),
    );
  });

  it('parseFilter on any JSON at all throws nothing but MatrixError', () => {
    fc.assert(fc.property(json, (value) => void onlyMatrixErrors(() => parseFilter(value))));
  });

  it('projecting any event by any field list never throws, and takes keys only from the event', () => {
    fc.assert(
      fc.property(
        event,
        fc.array(fc.string({ unit: fc.constantFrom('a', '.', '\\', 'content', 'type') })),
        (e, f) => {
          const out = projectEventFields(e, f);
          for (const key of Object.keys(out)) expect(Object.hasOwn(e, key)).toBe(true);
        },
      ),
    );
  });
});

describe('not_* wins over the positive list', () => {
  it("listing an event's type, sender or room in not_* always excludes it", () => {
    fc.assert(
      fc.property(roomEventFilter, type, user, room, (f, t, s, r) => {
        const parsed = onlyMatrixErrors(() => parseRoomEventFilter(f));
        if (parsed === undefined) return;
        const e = { type: t, sender: s, room_id: r, content: {} };
        expect(matchesEventFilter({ ...parsed, not_types: [...(parsed.not_types ?? []), t] }, e)).toBe(false);
        expect(matchesEventFilter({ ...parsed, not_senders: [...(parsed.not_senders ?? []), s] }, e)).toBe(
          false,
        );
        expect(matchesEventFilter({ ...parsed, not_rooms: [...(parsed.not_rooms ?? []), r] }, e)).toBe(false);
      }),
    );
  });

  it('an empty filter passes every event', () => {
    fc.assert(fc.property(event, (e) => expect(matchesEventFilter({}, e)).toBe(true)));
  });
});
