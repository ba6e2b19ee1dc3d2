import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { OutboundHttp } from '@switchboard/http';

/** A gateway's answer that retrying will not change (a 4xx other than 429). */
export class GatewayRefused extends Error {}

/** POST /_matrix/push/v1/notify to a pusher's `data.url`. */
@Injectable()
export class PushGatewayClient {
  constructor(private readonly http: OutboundHttp) {}

  /**
   * The pushkeys the gateway rejected ("Homeservers must cease sending notification requests for
   * these pushkeys and remove the associated pushers"). Throws on a failure worth retrying.
   */
  async notify(url: string, body: JsonObject): Promise<string[]> {
    const res = await this.http.send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 400 && res.status < 500 && res.status !== 429)
      throw new GatewayRefused(`push gateway ${url} answered ${res.status}`);
    if (res.status < 200 || res.status >= 300) throw new Error(`push gateway ${url} answered ${res.status}`);
    return rejectedIn(res.body);
  }
}

function rejectedIn(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const rejected = (parsed as { rejected?: unknown }).rejected;
    return Array.isArray(rejected) ? rejected.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}
