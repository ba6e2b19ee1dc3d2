import { Injectable } from '@nestjs/common';
import { OutboundHttp } from '@switchboard/http';
import { Appservice } from '../registry/appservice';

/** A request to an application service, by its path under `/_matrix/app/v1`. */
export interface AppserviceRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** `/transactions/{txnId}`, `/users/{userId}`, ... (already URL-encoded where needed). */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /**
   * Where the path lived before `/_matrix/app/v1` ("Legacy routes"): nowhere for transactions,
   * users and rooms (the default, ''), `/_matrix/app/unstable` for the third-party lookups.
   */
  legacyPrefix?: string;
}

/** The application service answered, but not with a success. */
export class AppserviceRefused extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string | undefined,
    readonly body: unknown,
  ) {
    super(`application service answered ${status}${errcode ? ` ${errcode}` : ''}`);
  }
}

const CURRENT_PREFIX = '/_matrix/app/v1';

/**
 * The one way the server talks to an application service (application-service-api "Homeserver ->
 * Application Service API"): `Authorization: Bearer <hs_token>`. The deprecated `access_token`
 * query parameter ("Servers should only send this query parameter if supporting legacy versions
 * of the specification") goes only to the legacy routes: an application service's third-party
 * queries must see exactly the fields the client searched for. "If the application service
 * receives an HTTP status code that does not indicate success (i.e.: 404, 500, 501, etc) then the
 * homeserver should fall back to the older endpoints" ("Legacy routes"): the same path without
 * the `/_matrix/app/v1` prefix, or the request's own legacy prefix.
 *
 * Throws AppserviceRefused for a non-2xx answer and the transport's error when the service is
 * unreachable; never called for a registration without a url.
 */
@Injectable()
export class AppserviceClient {
  constructor(private readonly http: OutboundHttp) {}

  async request<T>(service: Appservice, request: AppserviceRequest): Promise<T> {
    try {
      return await this.send<T>(service, CURRENT_PREFIX, request);
    } catch (err) {
      if (!(err instanceof AppserviceRefused) || !fallsBack(err)) throw err;
      return this.send<T>(service, request.legacyPrefix ?? '', request);
    }
  }

  private async send<T>(service: Appservice, prefix: string, request: AppserviceRequest): Promise<T> {
    const base = service.registration.url;
    if (base === null) throw new Error(`application service ${service.id} has no url`);
    const query = new URLSearchParams(request.query);
    if (prefix !== CURRENT_PREFIX) query.set('access_token', service.registration.hs_token);
    const url = `${base.replace(/\/+$/, '')}${prefix}${request.path}${query.size > 0 ? `?${query}` : ''}`;
    const res = await this.http.send(url, {
      method: request.method,
      headers: {
        Authorization: `Bearer ${service.registration.hs_token}`,
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const body = parseJson(res.body);
    if (res.status < 200 || res.status >= 300) {
      const errcode = (body as { errcode?: unknown } | undefined)?.errcode;
      throw new AppserviceRefused(res.status, typeof errcode === 'string' ? errcode : undefined, body);
    }
    return body as T;
  }
}

/**
 * Only "this route does not exist here" is worth a second try on the legacy path: a 404 or 405
 * without an errcode, or M_UNRECOGNIZED. A 404 M_NOT_FOUND is the service's real answer to a
 * query ("the user does not exist"), and a 5xx on a transaction is retried later anyway.
 */
function fallsBack(err: AppserviceRefused): boolean {
  if (err.errcode === 'M_UNRECOGNIZED') return true;
  return (err.status === 404 || err.status === 405 || err.status === 501) && err.errcode === undefined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
