import { Injectable } from '@nestjs/common';
import { JsonObject, MatrixError, parseRoomAlias, serverNameOf } from '@switchboard/protocol';
import { RemotePublicRoomsQuery, ResolvedAlias } from '@switchboard/rooms';
import { FederationClient } from '../transport/federation-client';

/** Queries this server sends on for its clients (server-server-api "Querying for information", "Public Room Directory"). */
@Injectable()
export class RemoteQueries {
  constructor(private readonly client: FederationClient) {}

  async directory(alias: string): Promise<ResolvedAlias> {
    const server = parseRoomAlias(alias).serverName;
    const answer = await this.client.request<{ room_id?: unknown; servers?: unknown }>(server, {
      method: 'GET',
      path: `/_matrix/federation/v1/query/directory?room_alias=${encodeURIComponent(alias)}`,
    });
    if (typeof answer.room_id !== 'string') {
      throw new MatrixError('M_UNKNOWN', 502, `${server} answered the directory query without a room_id`);
    }
    const servers = Array.isArray(answer.servers)
      ? answer.servers.filter((s): s is string => typeof s === 'string')
      : [];
    return { room_id: answer.room_id, servers: servers.length > 0 ? servers : [server] };
  }

  profile(userId: string, field?: string): Promise<JsonObject> {
    const query = `user_id=${encodeURIComponent(userId)}${field ? `&field=${encodeURIComponent(field)}` : ''}`;
    return this.client.request<JsonObject>(serverNameOf(userId), {
      method: 'GET',
      path: `/_matrix/federation/v1/query/profile?${query}`,
    });
  }

  /** GET with `limit` and `since`; POST when there is more to ask (a filter, other networks). */
  publicRooms(server: string, query: RemotePublicRoomsQuery): Promise<JsonObject> {
    const simple =
      query.filter === undefined &&
      query.include_all_networks === undefined &&
      query.third_party_instance_id === undefined;
    if (simple) {
      const params = new URLSearchParams();
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.since !== undefined) params.set('since', query.since);
      const search = params.toString();
      return this.client.request<JsonObject>(server, {
        method: 'GET',
        path: `/_matrix/federation/v1/publicRooms${search ? `?${search}` : ''}`,
      });
    }
    return this.client.request<JsonObject>(server, {
      method: 'POST',
      path: '/_matrix/federation/v1/publicRooms',
      body: query,
    });
  }
}
