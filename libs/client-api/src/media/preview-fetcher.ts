import { readFileSync } from 'node:fs';
import { IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { IpDenyList } from '@switchboard/http';
import { MatrixError } from '@switchboard/protocol';

export interface FetchedUrl {
  /** Where the answer came from, after redirects. */
  url: URL;
  contentType: string;
  body: Buffer;
}

const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DENIED = 'EPREVIEWDENIED';

/**
 * GETs http(s) URLs for URL previews. Every address connected to passes the IP deny list
 * (media.url_preview_ip_range_allowlist reopens ranges), redirects included: a previewed URL must
 * not make the server probe its own network. Any failure is 502 M_UNKNOWN: nothing could be fetched.
 */
@Injectable()
export class PreviewFetcher {
  private readonly denyList: IpDenyList;
  private readonly lookup: LookupFunction;
  private readonly ca: string[];

  constructor(@Inject(CONFIG) config: SwitchboardConfig) {
    this.denyList = new IpDenyList(config.media.url_preview_ip_range_allowlist);
    this.lookup = this.denyList.lookup(DENIED);
    this.ca = [
      ...rootCertificates,
      ...config.federation.trusted_ca_files.map((file) => readFileSync(file, 'utf8')),
    ];
  }

  async get(url: string, maxBytes = MAX_BODY_BYTES): Promise<FetchedUrl> {
    let target = parseUrl(url);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const res = await this.once(target, maxBytes);
      if (res.status >= 300 && res.status < 400 && res.location) {
        target = parseUrl(new URL(res.location, target).toString());
        continue;
      }
      if (res.status < 200 || res.status >= 300) throw unreachable(`${target.host} answered ${res.status}`);
      return { url: target, contentType: res.contentType, body: res.body };
    }
    throw unreachable('too many redirects');
  }

  private once(
    target: URL,
    maxBytes: number,
  ): Promise<{ status: number; location?: string; contentType: string; body: Buffer }> {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 && this.denyList.isDenied(host)) {
      return Promise.reject(unreachable(`${host} is in the IP deny list`));
    }
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        {
          method: 'GET',
          headers: { 'user-agent': 'Switchboard URL preview', accept: 'text/html, image/*;q=0.9, */*;q=0.5' },
          lookup: this.lookup,
          timeout: TIMEOUT_MS,
          ...(secure ? { ca: this.ca } : {}),
        },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            res.resume();
            return resolve({
              status,
              location: res.headers.location,
              contentType: '',
              body: Buffer.alloc(0),
            });
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) req.destroy(new Error(`${target.host} sent more than ${maxBytes} bytes`));
            else chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({ status, contentType: res.headers['content-type'] ?? '', body: Buffer.concat(chunks) }),
          );
          res.on('error', (err) => reject(unreachable(err.message)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${target.host} did not answer in time`)));
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(unreachable(err.code === DENIED ? err.message : `${target.host}: ${err.message}`)),
      );
      req.end();
    });
  }
}

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MatrixError('M_INVALID_PARAM', 400, 'url is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Only http and https URLs can be previewed');
  }
  return parsed;
}

function unreachable(reason: string): MatrixError {
  return new MatrixError('M_UNKNOWN', 502, `Could not fetch the URL to preview: ${reason}`);
}
