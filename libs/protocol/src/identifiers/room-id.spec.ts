import { roomVersion } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { isValidRoomId, parseRoomId } from './index';

const v11 = roomVersion('11') as RoomVersion;
const v12 = roomVersion('12') as RoomVersion;
// The example of server-server definitions/components/room_id_v12.
const V12_ROOM_ID = '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ';

describe('parseRoomId (appendices "Room IDs")', () => {
  it('appendices "Room IDs": !opaque_id:domain', () => {
    expect(parseRoomId('!abcDEF123:matrix.org')).toEqual({
      kind: 'domain',
      localpart: 'abcDEF123',
      serverName: 'matrix.org',
    });
    expect(parseRoomId('!abc:matrix.org', { version: v11 }).kind).toBe('domain');
  });

  it('appendices "Room IDs": the localpart may hold any non-surrogate code point but ":" and NUL', () => {
    expect(isValidRoomId('!a b\u0001ü\u{1F600}:matrix.org')).toBe(true);
    expect(isValidRoomId('!a\u0000:matrix.org')).toBe(false);
    expect(isValidRoomId('!a\uDFFF:matrix.org')).toBe(false);
  });

  it('appendices "Room IDs": "!" and the create event\'s URL-safe Base64 reference hash in room version 12', () => {
    expect(parseRoomId(V12_ROOM_ID)).toEqual({ kind: 'hash', hash: V12_ROOM_ID.slice(1) });
    expect(parseRoomId(V12_ROOM_ID, { version: v12 })).toEqual({ kind: 'hash', hash: V12_ROOM_ID.slice(1) });
  });

  it.each([
    ['a domain-form ID in room version 12', '!abc:matrix.org', v12],
    ['a hash-form ID before room version 12', V12_ROOM_ID, v11],
    ['a hash in the standard alphabet', '!Nhcu5BS+UMnFX7hBVfVSoXiD7OgH6iRT+xyIuqDnpYQ', v12],
    ['a hash of the wrong length', '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpY', v12],
    ['a hash with unused bits set', '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYR', v12],
    ['an empty localpart', '!:matrix.org', v11],
    ['an invalid server name', '!abc:matrix_org', v11],
    ['another sigil', '#abc:matrix.org', v11],
    ['more than 255 bytes', `!${'a'.repeat(250)}:matrix.org`, v11],
  ])('appendices "Room IDs": rejects %s with M_INVALID_PARAM', (_what, roomId, version) => {
    expect(() => parseRoomId(roomId, { version })).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });
});
