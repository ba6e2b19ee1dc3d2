import { MatrixError } from '@switchboard/protocol';
import { searchFields } from './search-fields';

describe('searchFields (client-server-api "GET /thirdparty/location/{protocol}": fields passed to the AS)', () => {
  it('passes every query parameter but the access token', () => {
    expect(searchFields({ field1: 'ONE', field2: 'TWO', access_token: 'secret' })).toEqual({
      field1: 'ONE',
      field2: 'TWO',
    });
    expect(searchFields({})).toEqual({});
    expect(searchFields(undefined)).toEqual({});
  });

  it('refuses a field given twice with M_INVALID_PARAM', () => {
    expect(() => searchFields({ field1: ['a', 'b'] })).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }) as MatrixError,
    );
  });
});
