import fc from 'fast-check';
import { decodeBase64 } from '../base64';
import { MatrixError } from '../errors/matrix-error';
import { isValidEventId, isValidRoomId } from '../identifiers';
import { roomVersion, ROOM_VERSIONS } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import {
  computeContentHash,
  computeEventId,
  computeReferenceHash,
  eventReference,
  Pdu,
  requiredSignatureServers,
  roomIdFromCreateEvent,
} from './index';

const v = (id: string) => roomVersion(id) as RoomVersion;

// The "Event Signing" vector's minimal event after signing, with its depth changed so that the
// hash holds both "+" and "/". Expected IDs were computed independently with Python's hashlib
// and json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False).
const signedMinimalEvent = (depth = 5): Pdu => ({
  room_id: '!x:domain',
  sender: '@a:domain',
  origin: 'domain',
  origin_server_ts: 1000000,
  signatures: { domain: { 'ed25519:1': 'ignored by the reference hash' } },
  hashes: { sha256: '5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos' },
  type: 'X',
  content: {},
  prev_events: [],
  auth_events: [],
  depth,
  unsigned: { age_ts: 1000000 },
});

describe('computeEventId (rooms "Event IDs")', () => {
  it('rooms/fragments/v1-event-ids: room version 1 and 2 events carry their own event_id', () => {
    const event = { ...signedMinimalEvent(), event_id: '$0:domain' };
    expect(computeEventId(event, v('1'))).toBe('$0:domain');
    expect(computeEventId(event, v('2'))).toBe('$0:domain');
  });

  it('rooms/fragments/v1-event-ids: rejects a room version 1 event without a valid event_id', () => {
    expect(() => computeEventId(signedMinimalEvent(), v('1'))).toThrow(
      expect.objectContaining({ errcode: 'M_BAD_JSON' }),
    );
    expect(() => computeEventId({ ...signedMinimalEvent(), event_id: 'nope' }, v('1'))).toThrow(MatrixError);
  });

  it('rooms/v3 "Event IDs": $ and the reference hash in unpadded Base64', () => {
    expect(computeEventId(signedMinimalEvent(), v('3'))).toBe('$Dst8nddHyB+rq/NxCgoksQtbOXBhAX8zIOGo/f9ak8o');
  });

  it('rooms/fragments/v4-event-ids: $ and the reference hash in URL-safe unpadded Base64', () => {
    expect(computeEventId(signedMinimalEvent(), v('4'))).toBe('$Dst8nddHyB-rq_NxCgoksQtbOXBhAX8zIOGo_f9ak8o');
  });

  it('server-server-api "Calculating the reference hash for an event": hashes the event redacted by the version\'s rules', () => {
    // Room version 11 redaction drops the top-level "origin", so the ID differs from version 4's.
    expect(computeEventId(signedMinimalEvent(3), v('4'))).toBe(
      '$8yif6p8EqgoSten2BLje9ntKm720NyFLWQv9tn8memc',
    );
    expect(computeEventId(signedMinimalEvent(3), v('11'))).toBe(
      '$70O_oKlXzFbkfu0KE88USi98DjSWrOELrPj-8tisl8I',
    );
  });

  it('server-server-api "Calculating the reference hash for an event": ignores signatures, unsigned and redactable content', () => {
    const base = computeEventId(signedMinimalEvent(), v('4'));
    expect(computeEventId({ ...signedMinimalEvent(), signatures: {}, unsigned: { age: 7 } }, v('4'))).toBe(
      base,
    );
    expect(computeEventId({ ...signedMinimalEvent(), content: { body: 'redactable' } }, v('4'))).toBe(base);
    expect(computeEventId({ ...signedMinimalEvent(), hashes: { sha256: 'other' } }, v('4'))).not.toBe(base);
  });

  it('rooms/v3 "Event format": an event_id held beside a version 3+ event does not change its ID', () => {
    const event = signedMinimalEvent();
    expect(computeEventId({ ...event, event_id: '$whatever' }, v('4'))).toBe(computeEventId(event, v('4')));
  });

  it('eventReference gives the room version 1 [event_id, {sha256}] pair', () => {
    const event = { ...signedMinimalEvent(), event_id: '$0:domain' };
    const [id, hashes] = eventReference(event, v('1'));
    expect(id).toBe('$0:domain');
    expect(decodeBase64(hashes.sha256)).toEqual(computeReferenceHash(event, v('1')));
  });

  it('rejects a room version 6+ event that canonical JSON rejects, with M_BAD_JSON', () => {
    const event = { ...signedMinimalEvent(), depth: 1.5 };
    expect(() => computeEventId(event, v('6'))).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON' }));
    expect(computeEventId(event, v('5'))).toMatch(/^\$/);
  });
});

describe('roomIdFromCreateEvent (appendices "Room IDs"; rooms/v12 "Event format")', () => {
  const create: Pdu = {
    type: 'm.room.create',
    state_key: '',
    sender: '@creator:example.org',
    origin_server_ts: 1700000000000,
    content: { room_version: '12', 'm.federate': true, body_is_kept: 'yes' },
    prev_events: [],
    auth_events: [],
    depth: 1,
    hashes: { sha256: 'aGFzaA' },
    signatures: { 'example.org': { 'ed25519:1': 'c2ln' } },
    unsigned: { age: 1 },
  };

  it('appendices "Room IDs": the create event\'s event ID with "!" instead of "$"', () => {
    const roomId = roomIdFromCreateEvent(create, v('12'));
    expect(roomId).toBe('!NxlZ5916FxPF2ySBQcUKcSEl-Wh_swm5Um7_0pDhc70');
    expect(roomId.slice(1)).toBe(computeEventId(create, v('12')).slice(1));
    expect(isValidRoomId(roomId, { version: v('12') })).toBe(true);
  });

  it('refuses room versions whose room IDs are not derived from the create event', () => {
    expect(() => roomIdFromCreateEvent(create, v('11'))).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM' }),
    );
  });

  it('refuses an event that is not m.room.create', () => {
    expect(() => roomIdFromCreateEvent({ ...create, type: 'm.room.member' }, v('12'))).toThrow(MatrixError);
  });
});

describe('event ID properties', () => {
  const versions = [...ROOM_VERSIONS.values()].filter((rv) => rv.eventIdFormat !== 'v1');
  const pdu = fc.record({
    type: fc.string(),
    sender: fc.constant('@a:example.org'),
    origin_server_ts: fc.nat(),
    depth: fc.nat(),
    content: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
    prev_events: fc.array(fc.string(), { maxLength: 3 }),
    auth_events: fc.array(fc.string(), { maxLength: 3 }),
    hashes: fc.record({ sha256: fc.base64String() }),
    signatures: fc.constant({}),
  }) as fc.Arbitrary<Pdu>;

  it('is stable: the same event, its keys reordered or its unsigned changed, has the same ID', () => {
    fc.assert(
      fc.property(pdu, fc.constantFrom(...versions), fc.string(), (event, version, note) => {
        const id = computeEventId(event, version);
        const reordered = Object.fromEntries(Object.entries(event).reverse()) as Pdu;
        expect(computeEventId(reordered, version)).toBe(id);
        expect(computeEventId({ ...event, unsigned: { note } }, version)).toBe(id);
        expect(isValidEventId(id, { version })).toBe(true);
      }),
    );
  });

  it('bad input never throws anything but MatrixError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...ROOM_VERSIONS.values()), (value, version) => {
        for (const input of [
          value,
          { type: 'm.room.create', content: value },
          { type: value, content: {} },
        ]) {
          for (const call of [
            computeEventId,
            computeReferenceHash,
            computeContentHash,
            roomIdFromCreateEvent,
            eventReference,
            requiredSignatureServers,
          ]) {
            try {
              call(input as Pdu, version);
            } catch (e) {
              expect(e).toBeInstanceOf(MatrixError);
            }
          }
        }
      }),
    );
  });
});
