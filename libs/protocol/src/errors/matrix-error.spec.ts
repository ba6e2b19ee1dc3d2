import { MatrixError } from '@switchboard/protocol';

describe('MatrixError (client-server-api "Standard error response")', () => {
  it('renders errcode and error, keeping extra fields', () => {
    const e = new MatrixError('M_LIMIT_EXCEEDED', 429, 'Too many requests', { retry_after_ms: 2000 });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      errcode: 'M_LIMIT_EXCEEDED',
      error: 'Too many requests',
      retry_after_ms: 2000,
    });
    expect(e.status).toBe(429);
  });
});
