import { createHmac } from 'node:crypto';
import { TurnConfig } from '@switchboard/config';
import { turnCredentials } from './turn-credentials';

const config = (fields: Partial<TurnConfig>): TurnConfig => ({
  uris: ['turn:turn.example.org'],
  shared_secret: null,
  username: null,
  password: null,
  user_lifetime_ms: 3_600_000,
  allow_guests: true,
  ...fields,
});

describe('turnCredentials', () => {
  it('derives TURN REST API credentials from the shared secret', () => {
    const answer = turnCredentials(config({ shared_secret: 's3cret' }), '@alice:example.org', 1_000_000);
    expect(answer).toEqual({
      username: '4600:@alice:example.org',
      password: createHmac('sha1', 's3cret').update('4600:@alice:example.org').digest('base64'),
      uris: ['turn:turn.example.org'],
      ttl: 3600,
    });
  });

  it('hands out a fixed username and password, and nothing without a server or credentials', () => {
    expect(turnCredentials(config({ username: 'u', password: 'p' }), '@a:b', 0)).toMatchObject({
      username: 'u',
      password: 'p',
    });
    expect(turnCredentials(config({ uris: [], shared_secret: 's' }), '@a:b', 0)).toBeNull();
    expect(turnCredentials(config({}), '@a:b', 0)).toBeNull();
  });
});
