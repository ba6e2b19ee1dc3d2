import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppserviceQueries, AppserviceRegistry } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  JsonObject,
  MatrixError,
  parseRoomAlias,
  parseRoomId,
  powerLevelsFromState,
  stateEvent,
  stateKey,
} from '@switchboard/protocol';
import {
  historyVisibilityOf,
  REMOTE_ROOMS,
  RemoteRooms,
  RoomStateQuery,
  SendPerform,
} from '@switchboard/rooms';
import { RoomAliasesRepository, Transactions } from '@switchboard/storage';
import { assertMayCreateAlias } from '../auth/appservice-requester';
import { Requester } from '../auth/requester';

/** client-server-api "Room aliases": this server's aliases and what they point at. */
@Injectable()
export class RoomAliasesService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly aliases: RoomAliasesRepository,
    private readonly rooms: RoomStateQuery,
    private readonly send: SendPerform,
    private readonly appservices: AppserviceQueries,
    private readonly registry: AppserviceRegistry,
    @Optional() @Inject(REMOTE_ROOMS) private readonly remote?: RemoteRooms,
  ) {}

  /**
   * GET /directory/room/{roomAlias}, and every join by alias. Aliases of other servers are asked of
   * their server; an unknown alias of this server, of the application service whose namespace
   * covers it (application-service-api "Querying"), which may create it before answering.
   */
  async resolve(alias: string): Promise<{ room_id: string; servers: string[] }> {
    const { serverName } = parseRoomAlias(alias);
    if (serverName !== this.config.server_name && this.remote) return this.remote.resolveAlias(alias);
    let row = await this.aliases.get(this.transactions.reader, alias);
    if (!row && (await this.appservices.roomAliasExists(alias))) {
      row = await this.aliases.get(this.transactions.reader, alias);
    }
    if (!row) throw new MatrixError('M_NOT_FOUND', 404, `Room alias ${alias} not found.`);
    return { room_id: row.roomId, servers: [this.config.server_name] };
  }

  /** A room ID as given, or the room an alias points at; M_NOT_FOUND for a room this server does not know. */
  async roomIdOf(roomIdOrAlias: string): Promise<string> {
    if (roomIdOrAlias.startsWith('#')) return (await this.resolve(roomIdOrAlias)).room_id;
    if (!roomIdOrAlias.startsWith('!')) {
      throw new MatrixError('M_INVALID_PARAM', 400, `${roomIdOrAlias} is neither a room ID nor a room alias`);
    }
    parseRoomId(roomIdOrAlias);
    if (!(await this.rooms.exists(roomIdOrAlias))) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
    return roomIdOrAlias;
  }

  /**
   * PUT /directory/room/{roomAlias}: only this server's aliases, only to a room it knows, and
   * none reserved by an application service (M_EXCLUSIVE).
   */
  async create(requester: Requester, alias: string, roomId: string): Promise<void> {
    this.checkLocal(alias);
    assertMayCreateAlias(this.registry, requester, alias);
    parseRoomId(roomId);
    if (!(await this.rooms.exists(roomId))) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
    const inserted = await this.aliases.insert(this.transactions.reader, {
      alias,
      roomId,
      creator: requester.userId,
    });
    if (!inserted) throw new MatrixError('M_UNKNOWN', 409, `Room alias ${alias} already exists.`);
  }

  /**
   * DELETE /directory/room/{roomAlias}. "Servers may choose to implement additional access control
   * checks here, for instance that room aliases can only be deleted by their creator": the creator
   * of the mapping, or a member of the room allowed to change its m.room.canonical_alias.
   */
  async delete(requester: Requester, alias: string): Promise<void> {
    this.checkLocal(alias);
    const row = await this.aliases.get(this.transactions.reader, alias);
    if (!row) throw new MatrixError('M_NOT_FOUND', 404, `Room alias ${alias} not found.`);
    if (
      row.creator !== requester.userId &&
      !(await this.mayEditCanonicalAlias(row.roomId, requester.userId))
    ) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You may not delete this alias.');
    }
    if (!(await this.aliases.delete(this.transactions.reader, alias))) {
      throw new MatrixError('M_NOT_FOUND', 404, `Room alias ${alias} not found.`);
    }
    await this.dropFromCanonicalAlias(requester, row.roomId, alias);
  }

  /**
   * A deleted alias no longer points at the room, so the room's m.room.canonical_alias stops
   * advertising it (as Synapse does). Sent as the deleting user; one without the power to change
   * the event leaves it as it is.
   */
  private async dropFromCanonicalAlias(requester: Requester, roomId: string, alias: string): Promise<void> {
    const current = (await this.rooms.currentEvent(roomId, 'm.room.canonical_alias', ''))?.pdu.content;
    if (!current) return;
    const alt = Array.isArray(current.alt_aliases) ? current.alt_aliases : undefined;
    if (current.alias !== alias && !alt?.includes(alias)) return;
    const content: JsonObject = { ...current };
    if (content.alias === alias) delete content.alias;
    if (alt) content.alt_aliases = alt.filter((a) => a !== alias);
    await this.send
      .send(roomId, requester.userId, stateEvent('m.room.canonical_alias', '', content))
      .catch((err: unknown) => {
        if (!(err instanceof MatrixError && err.errcode === 'M_FORBIDDEN')) throw err;
      });
  }

  /**
   * GET /rooms/{roomId}/aliases: "can be called by users who are in the room (external users
   * receive an `M_FORBIDDEN` error response). If the room's `m.room.history_visibility` maps to
   * `world_readable`, any user can call this endpoint."
   */
  async localAliases(requester: Requester, roomId: string): Promise<string[]> {
    await this.rooms.version(roomId);
    const state = await this.rooms.current(roomId);
    const membership = (await this.rooms.membership(roomId, requester.userId))?.membership;
    if (membership !== 'join' && historyVisibilityOf(state) !== 'world_readable') {
      throw new MatrixError('M_FORBIDDEN', 403, 'You are not a member of the room.');
    }
    return this.aliases.forRoom(this.transactions.reader, roomId);
  }

  private checkLocal(alias: string): void {
    if (parseRoomAlias(alias).serverName !== this.config.server_name) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Room alias must be on this server.');
    }
  }

  private async mayEditCanonicalAlias(roomId: string, userId: string): Promise<boolean> {
    const version = await this.rooms.version(roomId);
    const state = await this.rooms.current(roomId);
    if (state.get(stateKey('m.room.member', userId))?.pdu.content.membership !== 'join') return false;
    const levels = powerLevelsFromState(version, state);
    return levels.userPowerLevel(userId) >= levels.requiredPowerLevel('m.room.canonical_alias', true);
  }
}
