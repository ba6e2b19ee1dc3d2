import { MatrixError } from '@switchboard/protocol';
import { decodeHierarchyToken, encodeHierarchyToken } from './hierarchy-token';

describe('hierarchy pagination tokens', () => {
  it('round-trip the walk they continue', () => {
    const position = { root: '!space:example.org', suggestedOnly: true, maxDepth: 3, offset: 20 };
    expect(decodeHierarchyToken(encodeHierarchyToken(position))).toEqual(position);
  });

  it.each([
    '',
    'nonsense',
    Buffer.from('[1,2,3,4]').toString('base64url'),
    Buffer.from('["!r",false,1,-1]').toString('base64url'),
  ])('refuse %j with M_INVALID_PARAM', (token) => {
    expect(() => decodeHierarchyToken(token)).toThrow(MatrixError);
  });
});
