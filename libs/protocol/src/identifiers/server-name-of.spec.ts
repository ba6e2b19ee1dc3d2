import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import { roomVersion } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import {
  formatUserId,
  isIpv4Address,
  isIpv6Address,
  isValidEventId,
  isValidRoomAlias,
  isValidRoomId,
  isValidServerName,
  isValidUserId,
  localpartOf,
  parseEventId,
  parseRoomAlias,
  parseRoomId,
  parseServerName,
  parseUserId,
  serverNameOf,
  tryServerNameOf,
  validateNewUserLocalpart,
} from './index';

describe('serverNameOf (appendices "Common Identifier Format": &localpart:domain)', () => {
  it.each([
    ['@user:matrix.org', 'matrix.org'],
    ['@user:matrix.org:8448', 'matrix.org:8448'],
    ['#room:[::1]:8448', '[::1]:8448'],
    ['!abc:1.2.3.4', '1.2.3.4'],
    ['$abc:example.com', 'example.com'],
  ])('%s is on %s', (id, serverName) => {
    expect(serverNameOf(id)).toBe(serverName);
    expect(tryServerNameOf(id)).toBe(serverName);
  });

  it.each([
    ['a room version 12 room ID', '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ'],
    ['a room version 4 event ID', '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg'],
    ['no sigil', 'matrix.org'],
    ['an invalid user ID', '@user'],
  ])('throws M_INVALID_PARAM for %s, which has no server name', (_what, id) => {
    expect(() => serverNameOf(id)).toThrow(expect.objectContaining({ errcode: 'M_INVALID_PARAM' }));
    expect(tryServerNameOf(id)).toBeUndefined();
  });

  it('localpartOf takes the localpart of a user ID', () => {
    expect(localpartOf('@user:matrix.org:8448')).toBe('user');
    expect(() => localpartOf('#user:matrix.org')).toThrow(MatrixError);
  });
});

describe('identifier properties', () => {
  const v4 = roomVersion('4') as RoomVersion;
  const v12 = roomVersion('12') as RoomVersion;
  const input = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({
      unit: fc.constantFrom('@', '!', '$', '#', ':', '[', ']', '.', 'a', '1', '\u0000', '\uD800', 'é'),
    }),
    fc.anything(),
  );

  it('bad input never throws anything but MatrixError', () => {
    const parsers: ((s: string) => unknown)[] = [
      (s) => parseUserId(s),
      (s) => parseUserId(s, { grammar: 'strict' }),
      (s) => parseRoomId(s),
      (s) => parseRoomId(s, { version: v12 }),
      (s) => parseEventId(s),
      (s) => parseEventId(s, { version: v4 }),
      (s) => parseRoomAlias(s),
      (s) => parseServerName(s),
      (s) => parseServerName(s, { strict: true }),
      (s) => serverNameOf(s),
      (s) => localpartOf(s),
      (s) => validateNewUserLocalpart(s, 'matrix.org'),
      (s) => validateNewUserLocalpart('a', s),
      (s) => formatUserId(s, 'matrix.org'),
      (s) => formatUserId('a', s),
      (s) => isValidUserId(s, { grammar: 'compliant' }),
      (s) => isValidRoomId(s),
      (s) => isValidEventId(s),
      (s) => isValidRoomAlias(s),
      (s) => isValidServerName(s),
      (s) => isIpv4Address(s),
      (s) => isIpv6Address(s),
      (s) => tryServerNameOf(s),
    ];
    fc.assert(
      fc.property(input, (value) => {
        for (const parse of parsers) {
          try {
            parse(value as string);
          } catch (e) {
            expect(e).toBeInstanceOf(MatrixError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a parsed user ID is its localpart and server name joined by ":"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (localpart) => {
        const id = `@${localpart}:example.org`;
        try {
          expect(parseUserId(id)).toEqual({ localpart, serverName: 'example.org' });
          expect(isValidServerName(serverNameOf(id))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(MatrixError);
          expect(
            localpart.includes(':') || localpart.includes('\u0000') || /[\uD800-\uDFFF]/u.test(localpart),
          ).toBe(true);
        }
      }),
    );
  });
});
