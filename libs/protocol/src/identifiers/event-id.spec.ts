import { roomVersion } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { isValidEventId, parseEventId } from './index';

const v = (id: string) => roomVersion(id) as RoomVersion;

describe('parseEventId (appendices "Event IDs")', () => {
  it('rooms/fragments/v1-event-ids: $opaque_id:domain', () => {
    expect(parseEventId('$a4ecee13e2accdadf56c1025:example.com', { version: v('1') })).toEqual({
      kind: 'domain',
      localpart: 'a4ecee13e2accdadf56c1025',
      serverName: 'example.com',
    });
  });

  it('rooms/v3 "Event IDs": $ and the reference hash in unpadded Base64', () => {
    const id = '$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o';
    expect(parseEventId(id, { version: v('3') })).toEqual({ kind: 'hash', hash: id.slice(1) });
    expect(isValidEventId('$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3+ZgrW6o', { version: v('3') })).toBe(true);
  });

  it('rooms/fragments/v4-event-ids: $ and the reference hash in URL-safe unpadded Base64', () => {
    const id = '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg';
    expect(parseEventId(id, { version: v('4') })).toEqual({ kind: 'hash', hash: id.slice(1) });
    expect(parseEventId(id, { version: v('12') }).kind).toBe('hash');
    expect(parseEventId(id).kind).toBe('hash');
  });

  it.each([
    ['a URL-safe hash in room version 3', '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg', '3'],
    ['a standard-alphabet hash in room version 4', '$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3+ZgrW6o', '4'],
    ['a domain-form ID in room version 4', '$abc:example.com', '4'],
    ['a hash-form ID in room version 1', '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg', '1'],
    ['a padded hash', '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg=', '4'],
    ['a short hash', '$Rqnc', '4'],
    ['an empty opaque ID', '$:example.com', '1'],
    ['no sigil', 'abc:example.com', '1'],
  ])('rejects %s with M_INVALID_PARAM', (_what, eventId, version) => {
    expect(() => parseEventId(eventId, { version: v(version) })).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });

  it('appendices "Event IDs": MUST NOT exceed 255 bytes', () => {
    expect(isValidEventId(`$${'a'.repeat(242)}:example.com`)).toBe(true);
    expect(isValidEventId(`$${'a'.repeat(243)}:example.com`)).toBe(false);
  });
});
