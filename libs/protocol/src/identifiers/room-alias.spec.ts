import { isValidRoomAlias, parseRoomAlias } from './index';

describe('parseRoomAlias (appendices "Room Aliases")', () => {
  it('appendices "Room Aliases": #room_alias:domain', () => {
    expect(parseRoomAlias('#room_alias:example.org:8448')).toEqual({
      localpart: 'room_alias',
      serverName: 'example.org:8448',
    });
  });

  it('appendices "Room Aliases": the localpart may hold any non-surrogate code point but ":" and NUL', () => {
    expect(isValidRoomAlias('#Café Ünïcode \u{1F600}:example.org')).toBe(true);
    expect(isValidRoomAlias('#a\u0000b:example.org')).toBe(false);
    expect(isValidRoomAlias('#a\uD800b:example.org')).toBe(false);
  });

  it('appendices "Room Aliases": MUST NOT exceed 255 bytes', () => {
    expect(isValidRoomAlias(`#${'a'.repeat(242)}:example.org`)).toBe(true);
    expect(isValidRoomAlias(`#${'a'.repeat(243)}:example.org`)).toBe(false);
  });

  it.each([
    ['an empty localpart', '#:example.org'],
    ['no server name', '#room'],
    ['another sigil', '@room:example.org'],
  ])('rejects %s with M_INVALID_PARAM', (_what, alias) => {
    expect(() => parseRoomAlias(alias)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });
});
