import { MatrixError } from '@switchboard/protocol';
import { encodePaginationToken, parsePaginationToken } from './pagination-token';
import { ROOM_START } from './room-state-at.service';

describe('pagination tokens', () => {
  it.each([0, 1, 42, -1, -37, ROOM_START])(
    'round-trips position %d (backfilled history is negative)',
    (n) => {
      expect(parsePaginationToken(encodePaginationToken(n), 'from')).toBe(n);
    },
  );

  it.each(['t', 't-', 't01', 't--1', 't1.5', 'tx', 't99999999999999999'])('refuses %s with 400', (token) => {
    expect(() => parsePaginationToken(token, 'from')).toThrow(MatrixError);
    expect(() => parsePaginationToken(token, 'from')).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });
});
