import { readFileSync } from 'node:fs';
import { IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { FederationTransportError, FederationTransportFailure } from './federation-transport.error';
import { IpDenyList } from '@switchboard/http';

/** Where a request goes, as server discovery found it (server-server-api "Resolving server names"). */
export interface ConnectTarget {
  /** An IP literal (IPv6 without brackets) or a hostname whose A/AAAA records are looked up. */
  host: string;
  port: number;
  hostHeader: string;
  /** The name the certificate must be valid for; sent as SNI unless it is an IP address. */
  tlsName: string;
}

export interface HttpsRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface HttpsResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const DENIED = 'EFEDERATIONDENIED';
const RESOLVE_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENODATA']);
const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/**
 * HTTPS for federation, and nothing else: every connection goes through the IP deny list
 * (federation.ip_range_allowlist reopens ranges), verifies certificates per
 * federation.verify_certificates against the default CAs plus federation.trusted_ca_files, sends
 * SNI as the spec's "TLS" section asks, and is bounded in time and size.
 */
@Injectable()
export class HttpsTransport implements OnModuleDestroy {
  private readonly denyList: IpDenyList;
  private readonly agent: Agent;
  private readonly lookup: LookupFunction;

  constructor(@Inject(CONFIG) config: SwitchboardConfig) {
    const { verify_certificates, trusted_ca_files, ip_range_allowlist } = config.federation;
    this.denyList = new IpDenyList(ip_range_allowlist);
    const ca =
      trusted_ca_files.length > 0
        ? [...rootCertificates, ...trusted_ca_files.map((file) => readFileSync(file, 'utf8'))]
        : undefined;
    this.agent = new Agent({ keepAlive: true, rejectUnauthorized: verify_certificates, ca });
    this.lookup = this.denyList.lookup(DENIED);
  }

  /** Sends one request; any failure to get a complete answer is a FederationTransportError. */
  send(destination: string, target: ConnectTarget, request: HttpsRequest): Promise<HttpsResponse> {
    if (isIP(target.host) !== 0 && this.denyList.isDenied(target.host)) {
      return Promise.reject(
        new FederationTransportError(destination, 'denied', `${target.host} is in the IP deny list`),
      );
    }
    return new Promise((resolve, reject) => {
      const fail = (failure: FederationTransportFailure, message: string): void => {
        req.destroy();
        reject(new FederationTransportError(destination, failure, message));
      };
      const req = httpsRequest({
        agent: this.agent,
        host: target.host,
        port: target.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, host: target.hostHeader },
        // "unless that certificate is expected to be an IP address in which case SNI is not
        // supported and should not be sent"; '' also keeps Node from deriving one from Host.
        servername: isIP(target.tlsName) !== 0 ? '' : target.tlsName,
        lookup: this.lookup,
      });
      const timer = setTimeout(
        () => fail('timeout', `no complete answer within ${request.timeoutMs} ms`),
        request.timeoutMs,
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const [failure, message] = classify(err, target);
        reject(new FederationTransportError(destination, failure, message));
      });
      req.on('response', (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > request.maxResponseBytes) {
          clearTimeout(timer);
          return fail('too_large', `answer of ${declared} bytes exceeds ${request.maxResponseBytes}`);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxResponseBytes) {
            clearTimeout(timer);
            fail('too_large', `answer exceeds ${request.maxResponseBytes} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(new FederationTransportError(destination, 'connect', err.message));
        });
      });
      req.end(request.body);
    });
  }

  onModuleDestroy(): void {
    this.agent.destroy();
  }
}

function classify(err: NodeJS.ErrnoException, target: ConnectTarget): [FederationTransportFailure, string] {
  const code = err.code ?? '';
  const where = `${target.host}:${target.port}`;
  if (code === DENIED) return ['denied', err.message];
  if (RESOLVE_ERRORS.has(code)) return ['resolve', `cannot resolve ${target.host} (${code})`];
  if (TLS_ERROR.test(code) || /certificate|SSL|TLS/i.test(err.message)) {
    return ['tls', `TLS with ${where} failed: ${err.message}`];
  }
  return ['connect', `connecting to ${where} failed: ${code || err.message}`];
}
