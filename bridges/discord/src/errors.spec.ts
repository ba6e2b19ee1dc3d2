import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentBridgeError, RemoteRateLimited } from '@switchboard/bridge-kit';
import { toBridgeError } from './errors';

const request = { body: undefined, files: undefined };

describe('toBridgeError', () => {
  it('turns a long rate limit into RemoteRateLimited with its delay', () => {
    const error = new RateLimitError({
      timeToReset: 30_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'u',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 30_000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    const mapped = toBridgeError(error);
    expect(mapped).toBeInstanceOf(RemoteRateLimited);
    expect((mapped as RemoteRateLimited).retryAfterMs).toBe(30_000);
  });

  it('makes 4xx answers permanent and leaves 5xx retryable', () => {
    const unknown = new DiscordAPIError(
      { code: 10003, message: 'Unknown Channel' },
      10003,
      404,
      'POST',
      'u',
      request,
    );
    expect(toBridgeError(unknown)).toBeInstanceOf(PermanentBridgeError);
    const server = toBridgeError(new HTTPError(502, 'Bad Gateway', 'POST', 'u', request));
    expect(server).not.toBeInstanceOf(PermanentBridgeError);
    expect(server.message).toContain('502');
  });
});
