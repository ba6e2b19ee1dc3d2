import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { FederationPdusResponse, Pdu, RoomStateIdsResponse, RoomStateResponse } from '@switchboard/protocol';
import { FederationFetcher, RemoteStateIds } from '@switchboard/rooms';
import { FederationClient } from '../transport/federation-client';

const e = encodeURIComponent;

/**
 * Reads events from other servers (server-server-api "Retrieving events", "Backfilling and
 * retrieving missing events"): the room server's FEDERATION_FETCHER, and the state and auth chain
 * reads a join needs. The port's methods never throw for a remote's failure: the event is then
 * just unavailable.
 */
@Injectable()
export class RemoteEventsClient implements FederationFetcher {
  constructor(
    private readonly client: FederationClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async event(origin: string, roomId: string, eventId: string): Promise<Pdu | undefined> {
    try {
      const answer = await this.client.request<FederationPdusResponse>(origin, {
        method: 'GET',
        path: `/_matrix/federation/v1/event/${e(eventId)}`,
      });
      const pdu = Array.isArray(answer.pdus) ? answer.pdus[0] : undefined;
      return pdu && pdu.room_id === roomId ? pdu : undefined;
    } catch (err) {
      this.logger.info({ err, destination: origin, event_id: eventId }, 'fetching an event failed');
      return undefined;
    }
  }

  async missingEvents(
    origin: string,
    roomId: string,
    earliest: string[],
    latest: string[],
    limit: number,
  ): Promise<Pdu[]> {
    try {
      const answer = await this.client.request<{ events?: unknown }>(origin, {
        method: 'POST',
        path: `/_matrix/federation/v1/get_missing_events/${e(roomId)}`,
        body: { earliest_events: earliest, latest_events: latest, limit, min_depth: 0 },
      });
      return Array.isArray(answer.events) ? (answer.events as Pdu[]) : [];
    } catch (err) {
      this.logger.info({ err, destination: origin, room_id: roomId }, 'get_missing_events failed');
      return [];
    }
  }

  /** The state before an event and its auth chain, from `destination`; throws on failure. */
  state(destination: string, roomId: string, eventId: string): Promise<RoomStateResponse> {
    return this.client.request<RoomStateResponse>(destination, {
      method: 'GET',
      path: `/_matrix/federation/v1/state/${e(roomId)}?event_id=${e(eventId)}`,
    });
  }

  /** The IDs of the state before an event and of its auth chain; throws on failure. */
  stateIds(destination: string, roomId: string, eventId: string): Promise<RoomStateIdsResponse> {
    return this.client.request<RoomStateIdsResponse>(destination, {
      method: 'GET',
      path: `/_matrix/federation/v1/state_ids/${e(roomId)}?event_id=${e(eventId)}`,
    });
  }

  /** The port's /state_ids: undefined instead of throwing, and only a well-formed answer. */
  async stateIdsBefore(origin: string, roomId: string, eventId: string): Promise<RemoteStateIds | undefined> {
    try {
      const answer = await this.stateIds(origin, roomId, eventId);
      const strings = (v: unknown) => Array.isArray(v) && v.every((id) => typeof id === 'string');
      if (!strings(answer.pdu_ids) || !strings(answer.auth_chain_ids)) return undefined;
      return { stateIds: answer.pdu_ids, authChainIds: answer.auth_chain_ids };
    } catch (err) {
      this.logger.info({ err, destination: origin, event_id: eventId }, '/state_ids failed');
      return undefined;
    }
  }

  /** The auth chain of an event; throws on failure. */
  async eventAuth(destination: string, roomId: string, eventId: string): Promise<Pdu[]> {
    const answer = await this.client.request<{ auth_chain?: unknown }>(destination, {
      method: 'GET',
      path: `/_matrix/federation/v1/event_auth/${e(roomId)}/${e(eventId)}`,
    });
    return Array.isArray(answer.auth_chain) ? (answer.auth_chain as Pdu[]) : [];
  }
}
