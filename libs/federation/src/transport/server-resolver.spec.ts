import { FederationDns, SrvRecord } from './dns.port';
import { FederationTransportError } from './federation-transport.error';
import { ServerResolver } from './server-resolver';
import { WellKnownAnswer, WellKnownFetcher } from './well-known.fetcher';

const HOUR = 60 * 60 * 1000;

/** A DNS with the SRV records of the test, and a count of the queries. */
function fakeDns(records: Record<string, SrvRecord[] | Error> = {}) {
  const queries: string[] = [];
  const dns: FederationDns = {
    async resolveSrv(name) {
      queries.push(name);
      const answer = records[name] ?? [];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { dns, queries };
}

/** Well-known answers per hostname: a body (200), a full answer, or a failure to connect. */
function fakeWellKnown(answers: Record<string, object | WellKnownAnswer | Error> = {}) {
  const fetched: string[] = [];
  const fetcher: WellKnownFetcher = {
    async fetch(hostname) {
      fetched.push(hostname);
      const answer = answers[hostname];
      if (answer === undefined) return { status: 404, headers: {}, body: Buffer.from('{}') };
      if (answer instanceof Error) throw answer;
      if ('status' in answer && 'body' in answer) return answer as WellKnownAnswer;
      return { status: 200, headers: {}, body: Buffer.from(JSON.stringify(answer)) };
    },
  };
  return { fetcher, fetched };
}

const srv = (name: string, port: number, priority = 10, weight = 5): SrvRecord => ({
  name,
  port,
  priority,
  weight,
});

describe('ServerResolver (server-server-api "Resolving server names")', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('step 1: an IP literal is used as it is', () => {
    it.each([
      ['1.2.3.4', { host: '1.2.3.4', port: 8448, hostHeader: '1.2.3.4', tlsName: '1.2.3.4' }],
      ['1.2.3.4:8000', { host: '1.2.3.4', port: 8000, hostHeader: '1.2.3.4:8000', tlsName: '1.2.3.4' }],
      [
        '[2001:db8::1]',
        { host: '2001:db8::1', port: 8448, hostHeader: '[2001:db8::1]', tlsName: '2001:db8::1' },
      ],
      ['[::1]:8443', { host: '::1', port: 8443, hostHeader: '[::1]:8443', tlsName: '::1' }],
    ])(
      '%s, with the given port or 8448, a Host of the server name, a certificate for the IP',
      async (name, target) => {
        const { dns, queries } = fakeDns();
        const { fetcher, fetched } = fakeWellKnown();
        expect(await new ServerResolver(dns, fetcher).resolve(name)).toEqual(target);
        expect(queries).toEqual([]);
        expect(fetched).toEqual([]);
      },
    );
  });

  it('step 2: a hostname with an explicit port is reached there, without well-known or SRV', async () => {
    const { dns, queries } = fakeDns();
    const { fetcher, fetched } = fakeWellKnown({ 'example.org': { 'm.server': 'elsewhere.org:1' } });
    expect(await new ServerResolver(dns, fetcher).resolve('example.org:8008')).toEqual({
      host: 'example.org',
      port: 8008,
      hostHeader: 'example.org:8008',
      tlsName: 'example.org',
    });
    expect(queries).toEqual([]);
    expect(fetched).toEqual([]);
  });

  describe('step 3: the well-known delegation', () => {
    it('3.1: a delegated IP literal, with its port or 8448, a Host of the IP (and port)', async () => {
      const resolver = new ServerResolver(
        fakeDns().dns,
        fakeWellKnown({
          'a.org': { 'm.server': '5.6.7.8' },
          'b.org': { 'm.server': '[2001:db8::2]:9000' },
        }).fetcher,
      );
      expect(await resolver.resolve('a.org')).toEqual({
        host: '5.6.7.8',
        port: 8448,
        hostHeader: '5.6.7.8',
        tlsName: '5.6.7.8',
      });
      expect(await resolver.resolve('b.org')).toEqual({
        host: '2001:db8::2',
        port: 9000,
        hostHeader: '[2001:db8::2]:9000',
        tlsName: '2001:db8::2',
      });
    });

    it('3.2: a delegated hostname with a port, a Host of <delegated_hostname>:<delegated_port>', async () => {
      const { dns, queries } = fakeDns();
      const resolver = new ServerResolver(
        dns,
        fakeWellKnown({ 'a.org': { 'm.server': 'matrix.a.org:443' } }).fetcher,
      );
      expect(await resolver.resolve('a.org')).toEqual({
        host: 'matrix.a.org',
        port: 443,
        hostHeader: 'matrix.a.org:443',
        tlsName: 'matrix.a.org',
      });
      expect(queries).toEqual([]);
    });

    it('3.3: a delegated hostname without a port, through _matrix-fed._tcp of it', async () => {
      const { dns, queries } = fakeDns({ '_matrix-fed._tcp.matrix.a.org': [srv('hs1.a.org', 8449)] });
      const resolver = new ServerResolver(
        dns,
        fakeWellKnown({ 'a.org': { 'm.server': 'matrix.a.org' } }).fetcher,
      );
      expect(await resolver.resolve('a.org')).toEqual({
        host: 'hs1.a.org',
        port: 8449,
        hostHeader: 'matrix.a.org',
        tlsName: 'matrix.a.org',
      });
      expect(queries).toEqual(['_matrix-fed._tcp.matrix.a.org']);
    });

    it('3.4 [deprecated]: then _matrix._tcp of the delegated hostname', async () => {
      const { dns, queries } = fakeDns({ '_matrix._tcp.matrix.a.org': [srv('old.a.org', 8450)] });
      const resolver = new ServerResolver(
        dns,
        fakeWellKnown({ 'a.org': { 'm.server': 'matrix.a.org' } }).fetcher,
      );
      expect(await resolver.resolve('a.org')).toEqual({
        host: 'old.a.org',
        port: 8450,
        hostHeader: 'matrix.a.org',
        tlsName: 'matrix.a.org',
      });
      expect(queries).toEqual(['_matrix-fed._tcp.matrix.a.org', '_matrix._tcp.matrix.a.org']);
    });

    it('3.5: no SRV record: the delegated hostname on port 8448', async () => {
      const resolver = new ServerResolver(
        fakeDns().dns,
        fakeWellKnown({ 'a.org': { 'm.server': 'matrix.a.org' } }).fetcher,
      );
      expect(await resolver.resolve('a.org')).toEqual({
        host: 'matrix.a.org',
        port: 8448,
        hostHeader: 'matrix.a.org',
        tlsName: 'matrix.a.org',
      });
    });
  });

  describe('steps 4 to 6: no valid well-known', () => {
    it.each([
      ['a 404', { status: 404, headers: {}, body: Buffer.from('{}') }],
      ['bad JSON', { status: 200, headers: {}, body: Buffer.from('{nope') }],
      ['no m.server', {}],
      ['an m.server that is not a server name', { 'm.server': 'bad name:x' }],
      ['an m.server that is not a string', { 'm.server': 42 }],
      ['a connection failure', new FederationTransportError('a.org', 'connect', 'refused')],
    ])(
      '4: after %s, _matrix-fed._tcp of the hostname, Host and certificate of the hostname',
      async (_what, answer) => {
        const { dns } = fakeDns({ '_matrix-fed._tcp.a.org': [srv('fed.a.org', 8444)] });
        const resolver = new ServerResolver(dns, fakeWellKnown({ 'a.org': answer }).fetcher);
        expect(await resolver.resolve('a.org')).toEqual({
          host: 'fed.a.org',
          port: 8444,
          hostHeader: 'a.org',
          tlsName: 'a.org',
        });
      },
    );

    it('5 [deprecated]: then _matrix._tcp of the hostname', async () => {
      const { dns, queries } = fakeDns({ '_matrix._tcp.a.org': [srv('legacy.a.org', 8445)] });
      expect(await new ServerResolver(dns, fakeWellKnown().fetcher).resolve('a.org')).toEqual({
        host: 'legacy.a.org',
        port: 8445,
        hostHeader: 'a.org',
        tlsName: 'a.org',
      });
      expect(queries).toEqual(['_matrix-fed._tcp.a.org', '_matrix._tcp.a.org']);
    });

    it('6: no SRV record either: the hostname on port 8448', async () => {
      expect(await new ServerResolver(fakeDns().dns, fakeWellKnown().fetcher).resolve('a.org')).toEqual({
        host: 'a.org',
        port: 8448,
        hostHeader: 'a.org',
        tlsName: 'a.org',
      });
    });
  });

  describe('SRV records (RFC 2782)', () => {
    it('takes the lowest priority and strips the trailing dot of the target', async () => {
      const { dns } = fakeDns({
        '_matrix-fed._tcp.a.org': [srv('backup.a.org.', 1, 20), srv('main.a.org.', 2, 10)],
      });
      expect(await new ServerResolver(dns, fakeWellKnown().fetcher).resolve('a.org')).toMatchObject({
        host: 'main.a.org',
        port: 2,
      });
    });

    it('picks among equal priorities by weight', async () => {
      const { dns } = fakeDns({
        '_matrix-fed._tcp.a.org': [srv('light.a.org', 1, 10, 1), srv('heavy.a.org', 2, 10, 3)],
      });
      const resolver = new ServerResolver(dns, fakeWellKnown().fetcher);
      jest.spyOn(Math, 'random').mockReturnValue(0.1);
      expect((await resolver.resolve('a.org')).host).toBe('light.a.org');
      jest.spyOn(Math, 'random').mockReturnValue(0.9);
      expect((await resolver.resolve('a.org')).host).toBe('heavy.a.org');
    });

    it('refuses a "." target: the service is decidedly not available', async () => {
      const { dns } = fakeDns({ '_matrix-fed._tcp.a.org': [srv('.', 0)] });
      await expect(new ServerResolver(dns, fakeWellKnown().fetcher).resolve('a.org')).rejects.toMatchObject({
        failure: 'resolve',
      });
    });

    it('fails as a transport error when the DNS lookup itself fails', async () => {
      const { dns } = fakeDns({ '_matrix-fed._tcp.a.org': new Error('SERVFAIL') });
      const resolution = new ServerResolver(dns, fakeWellKnown().fetcher).resolve('a.org');
      await expect(resolution).rejects.toBeInstanceOf(FederationTransportError);
      await expect(resolution).rejects.toMatchObject({ failure: 'resolve', status: 502 });
    });
  });

  it('refuses a malformed server name', async () => {
    await expect(
      new ServerResolver(fakeDns().dns, fakeWellKnown().fetcher).resolve('not a server'),
    ).rejects.toMatchObject({ failure: 'resolve' });
  });

  describe('well-known caching', () => {
    let now = 1_000_000_000_000;
    beforeEach(() => {
      now = 1_000_000_000_000;
      jest.spyOn(Date, 'now').mockImplementation(() => now);
    });

    function cachedFor(headers: Record<string, string>) {
      const answer = { status: 200, headers, body: Buffer.from('{"m.server":"hs.a.org:1"}') };
      const { fetcher, fetched } = fakeWellKnown({ 'a.org': answer });
      return { resolver: new ServerResolver(fakeDns().dns, fetcher), fetched };
    }

    async function fetchesAfter(resolver: ServerResolver, fetched: string[], ms: number): Promise<number> {
      await resolver.resolve('a.org');
      now += ms;
      await resolver.resolve('a.org');
      return fetched.length;
    }

    it('keeps a valid answer 24 hours without cache headers', async () => {
      const a = cachedFor({});
      expect(await fetchesAfter(a.resolver, a.fetched, 24 * HOUR - 1)).toBe(1);
      const b = cachedFor({});
      expect(await fetchesAfter(b.resolver, b.fetched, 24 * HOUR)).toBe(2);
    });

    it('follows Cache-Control max-age, and Expires', async () => {
      const a = cachedFor({ 'cache-control': 'public, max-age=3600' });
      expect(await fetchesAfter(a.resolver, a.fetched, HOUR - 1)).toBe(1);
      const b = cachedFor({ 'cache-control': 'max-age=3600' });
      expect(await fetchesAfter(b.resolver, b.fetched, HOUR)).toBe(2);
      const c = cachedFor({ expires: new Date(now + 2 * HOUR).toUTCString() });
      expect(await fetchesAfter(c.resolver, c.fetched, 2 * HOUR - 1000)).toBe(1);
    });

    it('keeps an answer at least 5 minutes and at most 48 hours', async () => {
      const a = cachedFor({ 'cache-control': 'no-store' });
      expect(await fetchesAfter(a.resolver, a.fetched, 5 * 60 * 1000 - 1)).toBe(1);
      const b = cachedFor({ 'cache-control': 'max-age=31536000' });
      expect(await fetchesAfter(b.resolver, b.fetched, 48 * HOUR)).toBe(2);
    });

    it('caches errors and invalid answers for 10 minutes', async () => {
      const { fetcher, fetched } = fakeWellKnown({ 'a.org': new Error('refused') });
      const resolver = new ServerResolver(fakeDns().dns, fetcher);
      expect(await fetchesAfter(resolver, fetched, 10 * 60 * 1000 - 1)).toBe(1);
      now += 1;
      await resolver.resolve('a.org');
      expect(fetched).toHaveLength(2);
    });

    it('shares one fetch between concurrent resolutions', async () => {
      const { resolver, fetched } = cachedFor({});
      await Promise.all([resolver.resolve('a.org'), resolver.resolve('a.org'), resolver.resolve('a.org')]);
      expect(fetched).toEqual(['a.org']);
    });
  });
});
