import { MatrixError } from '../errors/matrix-error';
import { formatUserId, isValidUserId, parseUserId, validateNewUserLocalpart } from './index';

describe('parseUserId (appendices "User Identifiers")', () => {
  it('appendices "Common Identifier Format": @user:matrix.org is user "user" on matrix.org', () => {
    expect(parseUserId('@user:matrix.org')).toEqual({ localpart: 'user', serverName: 'matrix.org' });
  });

  it('appendices "Common Identifier Format": the first colon ends the localpart; the server name keeps its port', () => {
    expect(parseUserId('@alice:example.org:8448')).toEqual({
      localpart: 'alice',
      serverName: 'example.org:8448',
    });
    expect(parseUserId('@alice:[::1]:8448')).toEqual({ localpart: 'alice', serverName: '[::1]:8448' });
  });

  it('appendices "User Identifiers": the strict grammar allows a-z, 0-9 and -.=_/+', () => {
    expect(parseUserId('@a-z.0=9_/+:matrix.org', { grammar: 'strict' }).localpart).toBe('a-z.0=9_/+');
  });

  it.each([
    ['upper case', '@Alice:matrix.org'],
    ['a space', '@al ice:matrix.org'],
    ['"*"', '@al*ice:matrix.org'],
    ['non-ASCII', '@älice:matrix.org'],
    ['an empty localpart', '@:matrix.org'],
  ])('appendices "User Identifiers": the strict grammar rejects %s', (_what, userId) => {
    expect(isValidUserId(userId, { grammar: 'strict' })).toBe(false);
    expect(() => parseUserId(userId, { grammar: 'strict' })).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });

  it.each([
    ['upper case', '@Alice:matrix.org'],
    ['non-ASCII', '@älice:matrix.org'],
    ['a control character', '@a\u0001b:matrix.org'],
    ['a space', '@a b:matrix.org'],
    ['the empty string', '@:matrix.org'],
    ['an astral character', '@\u{1F600}:matrix.org'],
  ])('appendices "Historical User IDs": servers MUST accept a localpart with %s', (_what, userId) => {
    expect(isValidUserId(userId)).toBe(true);
    expect(isValidUserId(userId, { grammar: 'historical' })).toBe(true);
  });

  it('appendices "Historical User IDs": U+0021..U+007E is compliant, anything else or empty is not', () => {
    expect(isValidUserId('@Alice!~:matrix.org', { grammar: 'compliant' })).toBe(true);
    expect(isValidUserId('@a b:matrix.org', { grammar: 'compliant' })).toBe(false);
    expect(isValidUserId('@älice:matrix.org', { grammar: 'compliant' })).toBe(false);
    expect(isValidUserId('@:matrix.org', { grammar: 'compliant' })).toBe(false);
  });

  it.each([
    ['NUL', '@a\u0000b:matrix.org'],
    ['a lone surrogate', '@a\uD800b:matrix.org'],
  ])('appendices "Historical User IDs": even the historical grammar rejects %s', (_what, userId) => {
    expect(isValidUserId(userId)).toBe(false);
  });

  it('appendices "User Identifiers": the whole ID MUST NOT exceed 255 bytes, counted in UTF-8', () => {
    const server = ':matrix.org';
    expect(isValidUserId(`@${'a'.repeat(255 - 1 - server.length)}${server}`)).toBe(true);
    expect(isValidUserId(`@${'a'.repeat(256 - 1 - server.length)}${server}`)).toBe(false);
    // "é" is two UTF-8 bytes: 1 + 2 * 121 + 11 = 254 bytes fit, 1 + 2 * 122 + 11 = 256 do not.
    expect(isValidUserId(`@${'é'.repeat(121)}${server}`)).toBe(true);
    expect(isValidUserId(`@${'é'.repeat(122)}${server}`)).toBe(false);
  });

  it.each([
    ['no sigil', 'user:matrix.org'],
    ['another sigil', '!user:matrix.org'],
    ['no server name', '@user'],
    ['an empty server name', '@user:'],
    ['an invalid server name', '@user:matrix_org'],
  ])('rejects %s', (_what, userId) => {
    expect(() => parseUserId(userId)).toThrow(MatrixError);
  });
});

describe('validateNewUserLocalpart (appendices "User Identifiers", for /register)', () => {
  it('returns the parsed ID of a valid new user', () => {
    expect(validateNewUserLocalpart('alice', 'matrix.org')).toEqual({
      localpart: 'alice',
      serverName: 'matrix.org',
    });
  });

  it.each([
    ['upper case', 'Alice'],
    ['the empty string', ''],
    ['a colon', 'a:b'],
    ['a length that makes the ID longer than 255 bytes', 'a'.repeat(250)],
  ])('rejects %s with M_INVALID_USERNAME', (_what, localpart) => {
    expect(() => validateNewUserLocalpart(localpart, 'matrix.org')).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_USERNAME', status: 400 }),
    );
  });
});

describe('formatUserId (appendices "User Identifiers": @localpart:domain)', () => {
  it('joins a localpart and a server name', () => {
    expect(formatUserId('alice', 'matrix.org:8448')).toBe('@alice:matrix.org:8448');
  });

  it.each([
    ['a localpart with ":"', 'a:b', 'matrix.org'],
    ['an invalid server name', 'alice', 'matrix org'],
  ])('rejects %s with M_INVALID_PARAM', (_what, localpart, serverName) => {
    expect(() => formatUserId(localpart, serverName)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM' }),
    );
  });
});
