import { Inject, Injectable, Optional } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, parseRoomId, powerLevelsFromState, stateKey } from '@switchboard/protocol';
import { REMOTE_ROOMS, RemoteRooms, RoomStateQuery } from '@switchboard/rooms';
import { AppserviceRoomListRepository, RoomsRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { PublicRoomsChunk, publicRoomsChunk } from './public-rooms-chunk';
import { PublicRoomsNetwork } from './public-rooms-network';

export interface PublicRoomsQuery {
  limit?: number;
  since?: string;
  server?: string;
  genericSearchTerm?: string;
  /** Room types to keep; null stands for rooms without a type. */
  roomTypes?: (string | null)[];
  /** The server's own directory when absent. */
  network?: PublicRoomsNetwork;
}

export interface PublicRoomsResponse {
  chunk: PublicRoomsChunk[];
  next_batch?: string;
  prev_batch?: string;
  total_room_count_estimate: number;
}

/** A batch token: the offset of the batch's first room in the (stable) listing order. */
const TOKEN = /^o(\d{1,9})$/;

/** client-server-api "Published room directory". */
@Injectable()
export class PublicRoomsService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly roomsTable: RoomsRepository,
    private readonly rooms: RoomStateQuery,
    private readonly appserviceLists: AppserviceRoomListRepository,
    @Optional() @Inject(REMOTE_ROOMS) private readonly remote?: RemoteRooms,
  ) {}

  /** GET /directory/list/room/{roomId}. */
  async visibility(roomId: string): Promise<'public' | 'private'> {
    parseRoomId(roomId);
    const room = await this.roomsTable.get(this.transactions.reader, roomId);
    if (!room) throw new MatrixError('M_NOT_FOUND', 404, 'Room not found');
    return room.isPublic ? 'public' : 'private';
  }

  /**
   * PUT /directory/list/room/{roomId}. "Servers MAY implement additional access control checks":
   * here, a joined member allowed to send m.room.canonical_alias, as for the room's aliases.
   */
  async setVisibility(requester: Requester, roomId: string, visibility: string): Promise<void> {
    if (visibility !== 'public' && visibility !== 'private') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'visibility must be public or private');
    }
    await this.visibility(roomId);
    const version = await this.rooms.version(roomId);
    const state = await this.rooms.current(roomId);
    const levels = powerLevelsFromState(version, state);
    const joined = state.get(stateKey('m.room.member', requester.userId))?.pdu.content.membership === 'join';
    if (
      !joined ||
      levels.userPowerLevel(requester.userId) < levels.requiredPowerLevel('m.room.canonical_alias', true)
    ) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You may not change where this room is listed.');
    }
    await this.roomsTable.setPublic(this.transactions.reader, roomId, visibility === 'public');
  }

  /**
   * GET and POST /publicRooms. Rooms are ordered by joined members, most first, then room ID, as
   * the spec recommends ("Continuing to order by largest first or another stable order").
   */
  async list(query: PublicRoomsQuery): Promise<PublicRoomsResponse> {
    if (query.server !== undefined && query.server !== this.config.server_name)
      return this.listRemote(query.server, query);
    if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 0)) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'limit must be a non-negative integer');
    }
    let start = 0;
    if (query.since !== undefined) {
      const match = TOKEN.exec(query.since);
      if (!match) throw new MatrixError('M_INVALID_PARAM', 400, 'Unknown since token');
      start = Number(match[1]);
    }
    const chunks: PublicRoomsChunk[] = [];
    for (const roomId of await this.published(query.network ?? { kind: 'server' })) {
      const chunk = publicRoomsChunk(roomId, await this.rooms.current(roomId));
      if (matches(chunk, query)) chunks.push(chunk);
    }
    chunks.sort((a, b) => b.num_joined_members - a.num_joined_members || (a.room_id < b.room_id ? -1 : 1));
    const end = query.limit === undefined ? chunks.length : start + query.limit;
    const response: PublicRoomsResponse = {
      chunk: chunks.slice(start, end),
      total_room_count_estimate: chunks.length,
    };
    if (end < chunks.length) response.next_batch = `o${end}`;
    if (start > 0) response.prev_batch = `o${Math.max(0, start - (query.limit ?? start))}`;
    return response;
  }

  /** The rooms of the directory asked for, each once. */
  private async published(network: PublicRoomsNetwork): Promise<string[]> {
    const q = this.transactions.reader;
    if (network.kind === 'instance')
      return this.appserviceLists.rooms(q, network.appserviceId, network.networkId);
    const server = await this.roomsTable.listPublic(q);
    if (network.kind === 'server') return server;
    return [...new Set([...server, ...(await this.appserviceLists.allRooms(q))])];
  }

  /** "server: The server to fetch the published room directory from", over federation. */
  private async listRemote(server: string, query: PublicRoomsQuery): Promise<PublicRoomsResponse> {
    if (!this.remote)
      throw new MatrixError('M_INVALID_PARAM', 400, "Only this server's directory can be listed");
    const filter: JsonObject = {};
    if (query.genericSearchTerm !== undefined) filter.generic_search_term = query.genericSearchTerm;
    if (query.roomTypes !== undefined) filter.room_types = query.roomTypes;
    const answer = await this.remote.publicRooms(server, {
      limit: query.limit,
      since: query.since,
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
    });
    return answer as unknown as PublicRoomsResponse;
  }
}

/** generic_search_term: "An optional string to search for in the room metadata, e.g. name, topic, canonical alias". */
function matches(chunk: PublicRoomsChunk, query: PublicRoomsQuery): boolean {
  if (query.roomTypes !== undefined && !query.roomTypes.includes(chunk.room_type ?? null)) return false;
  const term = query.genericSearchTerm?.toLowerCase();
  if (!term) return true;
  return [chunk.name, chunk.topic, chunk.canonical_alias, chunk.room_id].some((v) =>
    v?.toLowerCase().includes(term),
  );
}
