import { booleanField, jsonObject, queryParam, stringArrayField, stringField } from './request-body';

describe('request bodies (client-server-api "Common error codes")', () => {
  it('M_NOT_JSON for a missing or unparseable body, M_BAD_JSON for JSON that is not an object', () => {
    expect(() => jsonObject(undefined)).toThrow(
      expect.objectContaining({ errcode: 'M_NOT_JSON', status: 400 }),
    );
    expect(() => jsonObject(Buffer.from('{"a":'))).toThrow(
      expect.objectContaining({ errcode: 'M_NOT_JSON' }),
    );
    expect(() => jsonObject([])).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON', status: 400 }));
    expect(() => jsonObject(null)).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON' }));
    expect(jsonObject(undefined, { orEmpty: true })).toEqual({});
    expect(jsonObject(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
  });

  it('M_MISSING_PARAM for a missing required field (null counts as missing), M_BAD_JSON for a wrong type', () => {
    expect(() => stringField({}, 'a', { required: true })).toThrow(
      expect.objectContaining({ errcode: 'M_MISSING_PARAM' }),
    );
    expect(() => stringField({ a: null }, 'a', { required: true })).toThrow(
      expect.objectContaining({ errcode: 'M_MISSING_PARAM' }),
    );
    expect(() => stringField({ a: 1 }, 'a')).toThrow(expect.objectContaining({ errcode: 'M_BAD_JSON' }));
    expect(() => booleanField({ a: 'true' }, 'a')).toThrow(
      expect.objectContaining({ errcode: 'M_BAD_JSON' }),
    );
    expect(() => stringArrayField({ a: ['x', 1] }, 'a')).toThrow(
      expect.objectContaining({ errcode: 'M_BAD_JSON' }),
    );
    expect(stringField({ a: null }, 'a')).toBeUndefined();
    expect(booleanField({ a: false }, 'a')).toBe(false);
  });

  it('query parameters must be given once', () => {
    expect(queryParam({ a: 'x' }, 'a')).toBe('x');
    expect(() => queryParam({}, 'a')).toThrow(expect.objectContaining({ errcode: 'M_MISSING_PARAM' }));
    expect(() => queryParam({ a: ['x', 'y'] }, 'a')).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM' }),
    );
  });
});
