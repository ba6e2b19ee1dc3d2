import { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { HttpsTransport } from './https-transport';
import { FederationTransportError } from './federation-transport.error';

export interface WellKnownAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Fetches `https://<hostname>/.well-known/matrix/server`; throws when no answer comes back. */
export interface WellKnownFetcher {
  fetch(hostname: string): Promise<WellKnownAnswer>;
}

export const WELL_KNOWN_FETCHER = Symbol('WELL_KNOWN_FETCHER');

const PATH = '/.well-known/matrix/server';
const MAX_REDIRECTS = 5;
/** Synapse's WELL_KNOWN_MAX_SIZE: the document is one short JSON object. */
const MAX_BYTES = 50 * 1024;
const TIMEOUT_MS = 10_000;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * The well-known request of step 3 over the federation transport (deny list and TLS rules apply:
 * a name must not make this server probe its own network through its well-known either). "30x
 * redirects should be followed, however redirection loops should be avoided": at most 5, https
 * only, never the same URL twice.
 */
@Injectable()
export class HttpsWellKnownFetcher implements WellKnownFetcher {
  constructor(private readonly transport: HttpsTransport) {}

  async fetch(hostname: string): Promise<WellKnownAnswer> {
    let url = new URL(`https://${hostname}${PATH}`);
    const seen = new Set<string>();
    for (;;) {
      seen.add(url.href);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const answer = await this.transport.send(
        hostname,
        { host, port: Number(url.port || 443), hostHeader: url.host, tlsName: host },
        {
          method: 'GET',
          path: url.pathname + url.search,
          headers: {},
          timeoutMs: TIMEOUT_MS,
          maxResponseBytes: MAX_BYTES,
        },
      );
      const location = answer.headers.location;
      if (!REDIRECT.has(answer.status) || typeof location !== 'string') return answer;
      const next = new URL(location, url);
      if (next.protocol !== 'https:' || seen.has(next.href) || seen.size > MAX_REDIRECTS) {
        throw new FederationTransportError(
          hostname,
          'bad_response',
          `bad well-known redirect to ${next.href}`,
        );
      }
      url = next;
    }
  }
}
