import { createLogger } from '@switchboard/observability';
import { testRegistration, testRegistry } from '../testing/test-registrations';
import { AppserviceClient, AppserviceRefused, AppserviceRequest } from '../transport/appservice-client';
import { Appservice } from '../registry/appservice';
import { AppserviceQueries, QUERY_TIMEOUT_MS } from './appservice-queries';

type Answer = (service: Appservice, request: AppserviceRequest) => Promise<unknown>;

function queries(answer: Answer, ...registrations: ReturnType<typeof testRegistration>[]) {
  const asked: string[] = [];
  const client = {
    request: (service: Appservice, request: AppserviceRequest) => {
      asked.push(`${service.id} ${request.method} ${request.path}`);
      return answer(service, request);
    },
  } as unknown as AppserviceClient;
  return {
    asked,
    queries: new AppserviceQueries(testRegistry(...registrations), client, createLogger('silent')),
  };
}

const notFound = () => Promise.reject(new AppserviceRefused(404, 'M_NOT_FOUND', {}));

describe('AppserviceQueries (application-service-api "Querying")', () => {
  const irc = testRegistration('irc', { users: ['@irc_.*'], aliases: ['#irc_.*'] });
  const slack = testRegistration('slack', { users: ['@irc_.*', '@slack_.*'], aliases: ['#irc_.*'] });
  const silent = testRegistration('silent', { users: ['@irc_.*'], url: null });

  it('asks only the services whose users namespace covers the ID, in order, until one says 200', async () => {
    const { asked, queries: q } = queries(
      (s) => (s.id === 'slack' ? Promise.resolve({}) : notFound()),
      irc,
      silent,
      slack,
    );
    expect(await q.userExists('@irc_bob:test.local')).toBe(true);
    expect(asked).toEqual([
      'irc GET /users/%40irc_bob%3Atest.local',
      'slack GET /users/%40irc_bob%3Atest.local',
    ]);
    expect(await q.userExists('@alice:test.local')).toBe(false);
    expect(asked).toHaveLength(2);
  });

  it('asks about aliases in the aliases namespace: GET /rooms/{roomAlias}', async () => {
    const { asked, queries: q } = queries(() => Promise.resolve({}), irc, slack);
    expect(await q.roomAliasExists('#irc_chan:test.local')).toBe(true);
    expect(asked).toEqual(['irc GET /rooms/%23irc_chan%3Atest.local']);
    expect(await q.roomAliasExists('#other:test.local')).toBe(false);
  });

  it('takes a 404, an error or an unreachable service as "does not exist", never throwing', async () => {
    const { queries: q } = queries(
      (s) =>
        s.id === 'irc'
          ? Promise.reject(new AppserviceRefused(500, undefined, 'oops'))
          : Promise.reject(new Error('connect ECONNREFUSED')),
      irc,
      slack,
    );
    await expect(q.userExists('@irc_bob:test.local')).resolves.toBe(false);
    await expect(q.roomAliasExists('#irc_x:test.local')).resolves.toBe(false);
  });

  it('stops waiting for a service that does not answer, and asks the next', async () => {
    jest.useFakeTimers();
    try {
      const { queries: q } = queries(
        (s) => (s.id === 'irc' ? new Promise(() => {}) : Promise.resolve({})),
        irc,
        slack,
      );
      const result = q.userExists('@irc_bob:test.local');
      await jest.advanceTimersByTimeAsync(QUERY_TIMEOUT_MS);
      await expect(result).resolves.toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
