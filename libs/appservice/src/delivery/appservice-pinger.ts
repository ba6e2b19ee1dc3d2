import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { Appservice } from '../registry/appservice';
import { AppserviceClient, AppserviceRefused } from '../transport/appservice-client';
import { AppserviceSender } from './appservice-sender.service';

/**
 * `POST /_matrix/app/v1/ping` on behalf of `POST /_matrix/client/v1/appservice/{appserviceId}/ping`,
 * with that endpoint's errors. A service that answers is up: its pending transactions go now,
 * without waiting out the backoff of earlier failures.
 */
@Injectable()
export class AppservicePinger {
  constructor(
    private readonly client: AppserviceClient,
    private readonly sender: AppserviceSender,
  ) {}

  async ping(service: Appservice, transactionId: string | undefined): Promise<{ duration_ms: number }> {
    if (service.registration.url === null)
      throw new MatrixError('M_URL_NOT_SET', 400, "Application service doesn't have a URL configured");
    const started = performance.now();
    try {
      await this.client.request(service, {
        method: 'POST',
        path: '/ping',
        body: transactionId === undefined ? {} : { transaction_id: transactionId },
      });
    } catch (err) {
      throw pingError(err);
    }
    const duration_ms = Math.round(performance.now() - started);
    this.sender.up(service.id);
    return { duration_ms };
  }
}

function pingError(err: unknown): MatrixError {
  if (err instanceof AppserviceRefused) {
    const body = typeof err.body === 'string' ? err.body : JSON.stringify(err.body ?? '');
    return new MatrixError('M_BAD_STATUS', 502, `Ping returned status ${err.status}`, {
      status: err.status,
      body,
    });
  }
  // OutboundHttp reports its own deadline as "request to <host> timed out"; anything else is the
  // transport failing (refused, reset, DNS).
  const message = err instanceof Error ? err.message : String(err);
  if (/timed out/.test(message) || (err as { code?: unknown })?.code === 'ETIMEDOUT')
    return new MatrixError('M_CONNECTION_TIMEOUT', 504, 'Connection to application service timed out');
  return new MatrixError('M_CONNECTION_FAILED', 502, 'Connection to application service failed');
}
