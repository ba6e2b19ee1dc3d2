import { ConfigError } from './config-error';

describe('ConfigError', () => {
  const error = new ConfigError([
    {
      file: 'hs.yaml',
      keyPath: 'listeners[0].port',
      expected: 'a port',
      got: 'string "x"',
      line: 3,
      col: 11,
    },
    { file: '$DATABASE_URL', keyPath: 'database.url', expected: 'a URL', got: 'string "y"' },
    { file: 'hs.yaml', keyPath: '', expected: 'valid YAML', got: 'a syntax error: oops', line: 1 },
  ]);

  it('formats one line per problem: file, key path, expected, got, position', () => {
    expect(error.format().split('\n')).toEqual([
      'hs.yaml: listeners[0].port: expected a port, got string "x" (line 3, col 11)',
      '$DATABASE_URL: database.url: expected a URL, got string "y"',
      'hs.yaml: (root): expected valid YAML, got a syntax error: oops (line 1, col 1)',
    ]);
  });

  it('is an Error whose message is the formatted problems', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(error.format());
  });
});
