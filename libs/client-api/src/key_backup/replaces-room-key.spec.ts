import { replacesRoomKey } from './replaces-room-key';

describe('replacesRoomKey (client-server-api "Server-side key backups" replacement rules)', () => {
  const key = (isVerified: boolean, firstMessageIndex: number, forwardedCount: number) => ({
    isVerified,
    firstMessageIndex,
    forwardedCount,
  });

  it.each([
    ['nothing stored', undefined, key(false, 9, 9), true],
    ['a verified key over an unverified one, whatever its index', key(false, 0, 0), key(true, 5, 5), true],
    ['never an unverified key over a verified one', key(true, 5, 5), key(false, 0, 0), false],
    ['a lower first_message_index', key(false, 3, 0), key(false, 1, 9), true],
    ['never a higher first_message_index', key(false, 1, 9), key(false, 3, 0), false],
    ['a lower forwarded_count at the same index', key(true, 1, 2), key(true, 1, 1), true],
    ['never a higher forwarded_count', key(true, 1, 1), key(true, 1, 2), false],
    ['never an equal key', key(false, 1, 1), key(false, 1, 1), false],
  ])('%s', (_title, stored, uploaded, expected) => {
    expect(replacesRoomKey(stored, uploaded)).toBe(expected);
  });
});
