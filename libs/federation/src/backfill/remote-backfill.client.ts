import { Injectable } from '@nestjs/common';
import { FederationPdusResponse, Pdu } from '@switchboard/protocol';
import { RemoteHistory } from '@switchboard/rooms';
import { FederationTransportError } from '../transport/federation-transport.error';
import { FederationClient } from '../transport/federation-client';

/**
 * The requesting server's end of server-server-api GET /backfill/{roomId} ("Backfilling and
 * retrieving missing events"): the room server's REMOTE_HISTORY port.
 */
@Injectable()
export class RemoteBackfillClient implements RemoteHistory {
  constructor(private readonly client: FederationClient) {}

  async backfill(
    server: string,
    roomId: string,
    fromEventIds: readonly string[],
    limit: number,
    timeoutMs: number,
  ): Promise<Pdu[]> {
    const query = new URLSearchParams();
    for (const id of fromEventIds) query.append('v', id);
    query.set('limit', String(limit));
    const answer = await this.client.request<Partial<FederationPdusResponse>>(server, {
      method: 'GET',
      path: `/_matrix/federation/v1/backfill/${encodeURIComponent(roomId)}?${query.toString()}`,
      timeoutMs,
    });
    if (!Array.isArray(answer.pdus)) {
      throw new FederationTransportError(server, 'bad_response', 'the backfill answer has no pdus');
    }
    // "pdus": the events; anything else the remote put there is left for nobody to trip over.
    return answer.pdus.filter(
      (pdu): pdu is Pdu => typeof pdu === 'object' && pdu !== null && !Array.isArray(pdu),
    );
  }
}
