import { Inject, Injectable } from '@nestjs/common';
import { ServerName, tryParseServerName } from '@switchboard/protocol';
import { FEDERATION_DNS, FederationDns, SrvRecord } from './dns.port';
import { FederationTransportError } from './federation-transport.error';
import { ConnectTarget } from './https-transport';
import { WELL_KNOWN_FETCHER, WellKnownAnswer, WellKnownFetcher } from './well-known.fetcher';

const DEFAULT_PORT = 8448;
const HOUR = 60 * 60 * 1000;
/** "The recommended sensible default is 24 hours", "a maximum cache time ... 48 hours". */
const DEFAULT_CACHE_MS = 24 * HOUR;
const MAX_CACHE_MS = 48 * HOUR;
/** Synapse's floor, so a `max-age=0` does not turn every request into a well-known fetch. */
const MIN_CACHE_MS = 5 * 60 * 1000;
/** "Errors are recommended to be cached for up to an hour": short, so a fixed server is found soon. */
const ERROR_CACHE_MS = 10 * 60 * 1000;
const CACHE_ENTRIES = 10_000;

interface CachedDelegation {
  /** The `m.server` of a valid answer, null for an error or an invalid answer. */
  readonly delegation: Promise<ServerName | null>;
  expiresAt: number;
}

/**
 * server-server-api "Resolving server names": where to connect for a server name, with the Host
 * header and the certificate name each step prescribes. A/AAAA lookups are left to the connection
 * (which filters the addresses through the deny list).
 */
@Injectable()
export class ServerResolver {
  private readonly wellKnownCache = new Map<string, CachedDelegation>();

  constructor(
    @Inject(FEDERATION_DNS) private readonly dns: FederationDns,
    @Inject(WELL_KNOWN_FETCHER) private readonly wellKnown: WellKnownFetcher,
  ) {}

  /** Throws FederationTransportError('resolve') for a malformed name or a failed SRV lookup. */
  async resolve(serverName: string): Promise<ConnectTarget> {
    const name = parse(serverName);
    if (!name) throw new FederationTransportError(serverName, 'resolve', 'not a valid server name');
    const host = unbracketed(name.host);
    // Step 1: an IP literal, "together with the given port number, or 8448".
    if (name.hostKind !== 'dns') {
      return { host, port: name.port ?? DEFAULT_PORT, hostHeader: serverName, tlsName: host };
    }
    // Step 2: a hostname with an explicit port, "with a Host header of the original server name".
    if (name.port !== undefined) return { host, port: name.port, hostHeader: serverName, tlsName: host };
    // Step 3: the well-known's `m.server`.
    const delegated = await this.delegation(host);
    if (delegated) {
      const dHost = unbracketed(delegated.host);
      // 3.1: "Requests must be made with a Host header containing the IP address, including the
      // port if one was provided."
      if (delegated.hostKind !== 'dns') {
        const port = delegated.port ?? DEFAULT_PORT;
        return { host: dHost, port, hostHeader: delegated.serverName, tlsName: dHost };
      }
      // 3.2: "a Host header of <delegated_hostname>:<delegated_port>".
      if (delegated.port !== undefined) {
        return { host: dHost, port: delegated.port, hostHeader: delegated.serverName, tlsName: dHost };
      }
      // 3.3 to 3.5: SRV records of the delegated hostname, else its port 8448.
      return this.bySrv(serverName, dHost);
    }
    // Steps 4 to 6: SRV records of the hostname, else its port 8448.
    return this.bySrv(serverName, host);
  }

  /**
   * `_matrix-fed._tcp.<hostname>`, then the deprecated `_matrix._tcp.<hostname>`, then port 8448;
   * in every case "a Host header of <hostname>" and a certificate for it, not for the SRV target.
   */
  private async bySrv(serverName: string, hostname: string): Promise<ConnectTarget> {
    for (const service of ['_matrix-fed._tcp', '_matrix._tcp']) {
      let records: SrvRecord[];
      try {
        records = await this.dns.resolveSrv(`${service}.${hostname}`);
      } catch (err) {
        throw new FederationTransportError(
          serverName,
          'resolve',
          `SRV lookup of ${service}.${hostname} failed: ${(err as Error).message}`,
        );
      }
      if (records.length === 0) continue;
      const target = pickSrv(records);
      // RFC 2782: "A Target of '.' means that the service is decidedly not available at this domain."
      if (!target) {
        throw new FederationTransportError(serverName, 'resolve', `${service}.${hostname} says no service`);
      }
      return { host: target.name, port: target.port, hostHeader: hostname, tlsName: hostname };
    }
    return { host: hostname, port: DEFAULT_PORT, hostHeader: hostname, tlsName: hostname };
  }

  /** The cached or freshly fetched delegation of step 3; errors are answers too (null). */
  private delegation(hostname: string): Promise<ServerName | null> {
    const now = Date.now();
    const cached = this.wellKnownCache.get(hostname);
    if (cached && cached.expiresAt > now) return cached.delegation;
    this.wellKnownCache.delete(hostname);
    if (this.wellKnownCache.size >= CACHE_ENTRIES) {
      // Maps iterate in insertion order: the first entry is the oldest.
      this.wellKnownCache.delete(this.wellKnownCache.keys().next().value as string);
    }
    const entry: CachedDelegation = {
      // Concurrent resolutions share the one fetch until it settles.
      expiresAt: Number.POSITIVE_INFINITY,
      delegation: this.wellKnown.fetch(hostname).then(
        (answer) => {
          const delegation = parseWellKnown(answer);
          entry.expiresAt = Date.now() + (delegation ? cachePeriod(answer) : ERROR_CACHE_MS);
          return delegation;
        },
        () => {
          entry.expiresAt = Date.now() + ERROR_CACHE_MS;
          return null;
        },
      ),
    };
    this.wellKnownCache.set(hostname, entry);
    return entry.delegation;
  }
}

/** "If the response is invalid (bad JSON, missing properties, non-200 response, etc), skip to step 4." */
function parseWellKnown(answer: WellKnownAnswer): ServerName | null {
  if (answer.status !== 200) return null;
  let body: unknown;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return null;
  }
  const server = (body as Record<string, unknown> | null)?.['m.server'];
  return typeof server === 'string' ? parse(server) : null;
}

/** "Servers should respect the cache control headers present on the response", within bounds. */
function cachePeriod(answer: WellKnownAnswer): number {
  const cacheControl = String(answer.headers['cache-control'] ?? '').toLowerCase();
  let period = DEFAULT_CACHE_MS;
  const maxAge = /(?:^|[,\s])max-age=(\d+)/.exec(cacheControl);
  if (/(?:^|[,\s])(no-store|no-cache)(?:$|[,\s=])/.test(cacheControl)) {
    period = 0;
  } else if (maxAge) {
    period = Number(maxAge[1]) * 1000;
  } else if (typeof answer.headers.expires === 'string') {
    const expires = Date.parse(answer.headers.expires);
    if (!Number.isNaN(expires)) period = expires - Date.now();
  }
  return Math.min(Math.max(period, MIN_CACHE_MS), MAX_CACHE_MS);
}

/**
 * RFC 2782: the lowest priority wins; among equals, a random pick weighted by `weight`. Undefined
 * when the chosen record is the "." that means no service.
 */
function pickSrv(records: readonly SrvRecord[]): SrvRecord | undefined {
  const lowest = Math.min(...records.map((r) => r.priority));
  const candidates = records.filter((r) => r.priority === lowest);
  const total = candidates.reduce((sum, r) => sum + r.weight, 0);
  let roll = Math.random() * total;
  const chosen =
    candidates.find((r) => {
      roll -= r.weight;
      return roll < 0;
    }) ?? candidates[0];
  const name = chosen.name.replace(/\.$/, '');
  return name === '' ? undefined : { ...chosen, name };
}

function parse(serverName: string): ServerName | null {
  const parsed = tryParseServerName(serverName);
  return typeof parsed === 'string' ? null : parsed;
}

function unbracketed(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}
