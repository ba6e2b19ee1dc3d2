import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** false: do not check the peer's certificate (identity servers under test). */
  verifyCertificate?: boolean;
}

export interface OutboundResponse {
  status: number;
  body: string;
}

const TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * HTTP(S) requests to the services a flow depends on (reCAPTCHA, CAS, identity servers, push
 * gateways, application services). Certificates are checked against the system roots and the operator's extra CA
 * bundles (`federation.trusted_ca_files`), the same trust federation uses.
 */
@Injectable()
export class OutboundHttp {
  private ca: string[] | undefined;

  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  send(url: string, options: OutboundRequest = {}): Promise<OutboundResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        {
          method: options.method ?? 'GET',
          headers: options.headers,
          timeout: TIMEOUT_MS,
          ...(secure ? { ca: this.trusted(), rejectUnauthorized: options.verifyCertificate ?? true } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) req.destroy(new Error(`response from ${target.host} too large`));
            else chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`request to ${target.host} timed out`)));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  private trusted(): string[] {
    this.ca ??= [
      ...rootCertificates,
      ...this.config.federation.trusted_ca_files.map((file) => readFileSync(file, 'utf8')),
    ];
    return this.ca;
  }
}
