import { createLogger } from '@switchboard/observability';
import { testRegistration, testRegistry } from '../testing/test-registrations';
import { AppserviceClient, AppserviceRefused, AppserviceRequest } from '../transport/appservice-client';
import { Appservice } from '../registry/appservice';
import { LOOKUP_TIMEOUT_MS, PROTOCOL_CACHE_MS, ThirdPartyLookups } from './third-party-lookups';

type Answer = (service: Appservice, request: AppserviceRequest) => Promise<unknown>;

function lookups(answer: Answer, ...registrations: ReturnType<typeof testRegistration>[]) {
  const asked: AppserviceRequest[] = [];
  const byService: string[] = [];
  const client = {
    request: (service: Appservice, request: AppserviceRequest) => {
      asked.push(request);
      byService.push(`${service.id} ${request.path}`);
      return answer(service, request);
    },
  } as unknown as AppserviceClient;
  return {
    asked,
    byService,
    lookups: new ThirdPartyLookups(testRegistry(...registrations), client, createLogger('silent')),
  };
}

const meta = (instances: object[], icon = 'mxc://1234/56/7') => ({
  user_fields: ['field1'],
  location_fields: ['field3'],
  icon,
  field_types: {},
  instances,
});

describe('ThirdPartyLookups (application-service-api "Third-party networks")', () => {
  const irc1 = testRegistration('irc1', { protocols: ['irc'], users: ['@irc_.*'], aliases: ['#irc_.*'] });
  const irc2 = testRegistration('irc2', { protocols: ['irc', 'gitter'] });
  const plain = testRegistration('plain', { users: ['@irc_.*'] });

  it('merges the protocols all services declare, each instance with its instance_id', async () => {
    const { lookups: l, byService } = lookups(
      (s, r) =>
        Promise.resolve(
          r.path === '/thirdparty/protocol/gitter'
            ? meta([{ desc: 'Gitter', network_id: 'gitter', fields: {} }])
            : s.id === 'irc1'
              ? meta([{ desc: 'Freenode', network_id: 'freenode', fields: {} }], 'first')
              : meta([{ desc: 'OFTC', network_id: 'oftc', fields: {} }], 'second'),
        ),
      irc1,
      irc2,
      plain,
    );
    expect(await l.protocols()).toEqual({
      irc: meta(
        [
          { desc: 'Freenode', network_id: 'freenode', fields: {}, instance_id: 'irc1|freenode' },
          { desc: 'OFTC', network_id: 'oftc', fields: {}, instance_id: 'irc2|oftc' },
        ],
        'first',
      ),
      gitter: meta([{ desc: 'Gitter', network_id: 'gitter', fields: {}, instance_id: 'irc2|gitter' }]),
    });
    expect(byService.sort()).toEqual([
      'irc1 /thirdparty/protocol/irc',
      'irc2 /thirdparty/protocol/gitter',
      'irc2 /thirdparty/protocol/irc',
    ]);
  });

  it('leaves out a protocol no service describes, and services that fail or answer no metadata', async () => {
    const { lookups: l } = lookups(
      (s) => (s.id === 'irc1' ? Promise.reject(new Error('down')) : Promise.resolve([])),
      irc1,
      irc2,
    );
    expect(await l.protocols()).toEqual({});
    expect(await l.protocol('irc')).toBeUndefined();
    expect(l.knows('irc')).toBe(true);
    expect(l.knows('xmpp')).toBe(false);
  });

  it("reuses a service's metadata for a while, then asks again", async () => {
    jest.useFakeTimers();
    try {
      let answers = 0;
      const { lookups: l } = lookups(() => Promise.resolve(meta([{ desc: `answer ${++answers}` }])), irc1);
      expect((await l.protocol('irc'))?.instances).toEqual([{ desc: 'answer 1' }]);
      expect((await l.protocol('irc'))?.instances).toEqual([{ desc: 'answer 1' }]);
      jest.advanceTimersByTime(PROTOCOL_CACHE_MS + 1);
      expect((await l.protocol('irc'))?.instances).toEqual([{ desc: 'answer 2' }]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fans a lookup out to the services of the protocol with the fields, and concatenates their results', async () => {
    const { lookups: l, asked } = lookups(
      (s) =>
        s.id === 'irc1'
          ? Promise.resolve([{ protocol: 'irc', alias: '#irc_a:hs', fields: { field3: 'a' } }, { bad: 1 }])
          : Promise.resolve([{ protocol: 'irc', alias: '#b:hs', fields: {} }]),
      irc1,
      irc2,
      plain,
    );
    expect(await l.lookup('location', 'irc', { field3: 'x' })).toEqual([
      { protocol: 'irc', alias: '#irc_a:hs', fields: { field3: 'a' } },
      { protocol: 'irc', alias: '#b:hs', fields: {} },
    ]);
    expect(asked).toEqual([
      {
        method: 'GET',
        path: '/thirdparty/location/irc',
        query: { field3: 'x' },
        legacyPrefix: '/_matrix/app/unstable',
      },
      {
        method: 'GET',
        path: '/thirdparty/location/irc',
        query: { field3: 'x' },
        legacyPrefix: '/_matrix/app/unstable',
      },
    ]);
  });

  it("gives a service's 404, failure or silence as no results, the others' still count", async () => {
    jest.useFakeTimers();
    try {
      const { lookups: l } = lookups(
        (s) =>
          s.id === 'irc1'
            ? new Promise(() => {})
            : Promise.resolve([{ protocol: 'irc', userid: '@u:hs', fields: {} }]),
        irc1,
        irc2,
      );
      const result = l.lookup('user', 'irc', {});
      await jest.advanceTimersByTimeAsync(LOOKUP_TIMEOUT_MS);
      await expect(result).resolves.toEqual([{ protocol: 'irc', userid: '@u:hs', fields: {} }]);
    } finally {
      jest.useRealTimers();
    }
    const { lookups: l } = lookups(() => Promise.reject(new AppserviceRefused(404, 'M_NOT_FOUND', {})), irc1);
    expect(await l.lookup('user', 'irc', {})).toEqual([]);
  });

  it('asks reverse lookups of the bridges whose namespace covers the alias or user', async () => {
    const { lookups: l, byService, asked } = lookups(() => Promise.resolve([]), irc1, irc2, plain);
    await l.locationsOfAlias('#irc_chan:hs');
    await l.usersOfUserId('@irc_bob:hs');
    await l.usersOfUserId('@nobody:hs');
    expect(byService).toEqual(['irc1 /thirdparty/location', 'irc1 /thirdparty/user']);
    expect(asked.map((r) => r.query)).toEqual([{ alias: '#irc_chan:hs' }, { userid: '@irc_bob:hs' }]);
  });
});
